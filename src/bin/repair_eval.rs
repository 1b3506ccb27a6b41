//! Repair evaluation: damage clean plan texts the ways broken PDFs do, repair
//! them, and measure how much comes back.
//!
//! ```text
//! cargo run --release --bin repair_eval                  # fixture corpus, leave-one-out model
//! cargo run --release --bin repair_eval -- A.txt B.txt   # other clean texts, built-in model
//! ```
//!
//! With no files it evaluates every clean text of `fixtures/plans` and
//! `fixtures/repair`, each against a model built from all the others (so no
//! text is repaired with its own counts in the background model). Figures:
//! damaged syllables restored exactly (%), intact syllables changed (count),
//! and, for legacy encodings, characters right (%).
//!
//! "ceiling%" is the most any repair can restore without breaking the rule
//! that a valid syllable is never changed into another: damaged words whose
//! remains are a real syllable ("dõi" -> "di", left valid) or nothing at all
//! (vanished) are out of its reach. With a space left per lost glyph both
//! are rare; with no space they are common.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use kehoach::repair::damage::{self, Encoding, Rng, LETTER_SETS};
use kehoach::repair::{is_attested_syllable, is_valid_syllable, repair_with, SyllableModel};

/// Letter sets drawn at random per file, besides the fixed ones.
const RANDOM_SETS: u64 = 4;

#[derive(Default, Clone, Copy)]
struct WordScore {
    damaged: usize,
    restored: usize,
    /// Damaged words a fill turned into a wrong word (not merely left).
    wrong: usize,
    /// Damaged words left as they were because what the damage left is
    /// itself a real syllable ("khỏi" -> "khi"): never changing a valid
    /// syllable into another forbids restoring them.
    left_valid: usize,
    /// Damaged words that vanished, every letter lost and no space left
    /// ("gây ô nhiễm" -> "gây nhiễm"): no trace says a word was there.
    vanished: usize,
    intact: usize,
    intact_changed: usize,
}

#[derive(Default, Clone, Copy)]
struct CharScore {
    chars: usize,
    errors: usize,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("usage: repair_eval [--json] [FILE.txt ...]\n\nWith no files: the fixture corpus, each text against a model of all the others.\nWith files: those texts (clean UTF-8) against the built-in model.\n--json prints the figures as JSON.\nREPAIR_EVAL_SHOW=1 (or a row name) lists the misses; REPAIR_EVAL_DUMP=DIR keeps the damaged texts;\nREPAIR_EVAL_ROOT=DIR reads fixtures/plans and fixtures/repair under DIR;\nREPAIR_EVAL_ONLY=TEXT evaluates only the files whose path contains TEXT.");
        return Ok(());
    }
    let json = args.iter().any(|a| a == "--json");
    let given: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    let corpus = corpus_files()?;
    let leave_one_out = given.is_empty();
    let mut files = if leave_one_out { corpus.clone() } else { given };
    // REPAIR_EVAL_ONLY: evaluate only the texts whose path contains it
    // (each still against a model of all the others).
    if let Ok(only) = std::env::var("REPAIR_EVAL_ONLY") {
        files.retain(|p| p.to_string_lossy().contains(only.as_str()));
    }

    let texts: Vec<(PathBuf, String)> = files
        .iter()
        .map(|p| {
            Ok((
                p.clone(),
                std::fs::read_to_string(p)
                    .with_context(|| format!("{}: cannot read as UTF-8", p.display()))?,
            ))
        })
        .collect::<Result<_>>()?;
    let corpus_texts: Vec<(PathBuf, String)> = corpus
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok().map(|t| (p.clone(), t)))
        .collect();

    let mut rows: Vec<(String, WordScore)> = Vec::new();
    let mut legacy_rows: Vec<(String, CharScore)> = Vec::new();
    let mut skipped = Vec::new();
    for (fi, (path, text)) in texts.iter().enumerate() {
        let model = if leave_one_out {
            let mut m = SyllableModel::new();
            for (p, t) in corpus_texts.iter().filter(|(p, _)| p != path) {
                let _ = p;
                m.observe_clean(t);
            }
            m
        } else {
            SyllableModel::builtin()
        };
        // Only clean texts can be ground truth.
        if repair_with(text, &model).changes.iter().any(|c| c.applied) {
            skipped.push(path.display().to_string());
            continue;
        }
        let seed = 1000 + fi as u64;
        let mut rng = Rng::new(seed);
        for (si, set) in LETTER_SETS.iter().enumerate() {
            let rate = 0.3 + 0.3 * rng.unit();
            let mut r = Rng::new(seed * 31 + si as u64);
            let row = format!("dropped {}", set.iter().collect::<String>());
            let score = eval_words(text, &model, &row, |w| {
                damage::drop_letters(w, set, rate, true, &mut r)
            });
            add(&mut rows, &row, score);
            add(&mut rows, "dropped (all sets)", score);
        }
        let mut r = Rng::new(seed * 17);
        let score = eval_words(text, &model, "dropped, no space left", |w| {
            damage::drop_letters(w, LETTER_SETS[0], 0.45, false, &mut r)
        });
        add(&mut rows, "dropped, no space left", score);
        // Fonts lose other letters than the sets above: each file also gets
        // sets drawn at random, which nothing can have been tuned for.
        let mut pick = Rng::new(seed * 7);
        for k in 0..RANDOM_SETS {
            let set = damage::random_letter_set(3 + (pick.next_u64() % 4) as usize, &mut pick);
            let rate = 0.3 + 0.3 * pick.unit();
            let mut r = Rng::new(seed * 37 + k);
            let score = eval_words(text, &model, "dropped, random sets", |w| {
                damage::drop_letters(w, &set, rate, true, &mut r)
            });
            add(&mut rows, "dropped, random sets", score);
        }
        let set = damage::random_letter_set(4, &mut pick);
        let mut r = Rng::new(seed * 41);
        let score = eval_words(text, &model, "dropped, random, no space", |w| {
            damage::drop_letters(w, &set, 0.45, false, &mut r)
        });
        add(&mut rows, "dropped, random, no space", score);
        let mut r = Rng::new(seed * 13);
        let horn = damage::u_horn_runs(text, &mut r);
        add(
            &mut rows,
            "ƣ in runs",
            eval_pairs(text, &horn, &model, "ƣ in runs"),
        );
        add(
            &mut rows,
            "NFD",
            eval_words(text, &model, "NFD", damage::nfd),
        );
        for enc in Encoding::ALL {
            let broken = damage::legacy(text, enc);
            let fixed = repair_with(&broken, &model).text;
            add_chars(
                &mut legacy_rows,
                &format!("{enc:?}"),
                char_score(text, &fixed),
            );
        }
    }
    print_report(json, &rows, &legacy_rows, &skipped, texts.len())
}

fn add(rows: &mut Vec<(String, WordScore)>, name: &str, s: WordScore) {
    let row = match rows.iter_mut().find(|(n, _)| n == name) {
        Some(r) => r,
        None => {
            rows.push((name.to_string(), WordScore::default()));
            rows.last_mut().expect("just pushed")
        }
    };
    row.1.damaged += s.damaged;
    row.1.restored += s.restored;
    row.1.wrong += s.wrong;
    row.1.left_valid += s.left_valid;
    row.1.vanished += s.vanished;
    row.1.intact += s.intact;
    row.1.intact_changed += s.intact_changed;
}

fn add_chars(rows: &mut Vec<(String, CharScore)>, name: &str, s: CharScore) {
    if let Some(r) = rows.iter_mut().find(|(n, _)| n == name) {
        r.1.chars += s.chars;
        r.1.errors += s.errors;
    } else {
        rows.push((name.to_string(), s));
    }
}

fn corpus_files() -> Result<Vec<PathBuf>> {
    // REPAIR_EVAL_ROOT: another tree with the same layout (a fixed
    // snapshot, so that figures compare while fixtures are being added).
    let root = std::env::var_os("REPAIR_EVAL_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let mut files = Vec::new();
    for dir in ["fixtures/plans", "fixtures/repair"] {
        let dir = root.join(dir);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let p = e?.path();
            if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    if files.is_empty() {
        bail!("no fixture texts under fixtures/plans or fixtures/repair");
    }
    Ok(files)
}

/// Damage each word of `text` with `f`, repair, and score the words.
fn eval_words(
    text: &str,
    model: &SyllableModel,
    row: &str,
    mut f: impl FnMut(&str) -> String,
) -> WordScore {
    let mut damaged = String::with_capacity(text.len());
    let mut flags = Vec::new();
    let mut spans = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let ws = rest
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len());
        damaged.push_str(&rest[..ws]);
        rest = &rest[ws..];
        let we = rest.find(char::is_whitespace).unwrap_or(rest.len());
        if we > 0 {
            let d = f(&rest[..we]);
            flags.push(d != rest[..we]);
            spans.push((damaged.len(), damaged.len() + d.len()));
            damaged.push_str(&d);
        }
        rest = &rest[we..];
    }
    score_lines(text, &damaged, &flags, &spans, model, row)
}

/// Damage decided per line (as for "ƣ" runs): a word is damaged if it differs.
fn eval_pairs(text: &str, damaged: &str, model: &SyllableModel, row: &str) -> WordScore {
    let flags: Vec<bool> = text
        .lines()
        .zip(damaged.lines())
        .flat_map(|(a, b)| {
            a.split_whitespace()
                .zip(b.split_whitespace())
                .map(|(x, y)| x != y)
                .collect::<Vec<_>>()
        })
        .collect();
    score_lines(text, damaged, &flags, &[], model, row)
}

/// Score the repair of `damaged` word by word against `text`. `spans` (byte
/// ranges in `damaged` of each word of `text`, when known) tell which words
/// an applied fill touched: a damaged word touched but not restored was
/// filled wrongly.
fn score_lines(
    text: &str,
    damaged: &str,
    flags: &[bool],
    spans: &[(usize, usize)],
    model: &SyllableModel,
    row: &str,
) -> WordScore {
    // REPAIR_EVAL_DUMP=DIR keeps each damaged text, to repair it by hand.
    if let Ok(dir) = std::env::var("REPAIR_EVAL_DUMP") {
        let n = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
        let _ = std::fs::write(
            format!("{dir}/{n:04}-{}.txt", row.replace([' ', ','], "_")),
            damaged,
        );
    }
    let repaired = repair_with(damaged, model);
    let touched: Vec<bool> = spans
        .iter()
        .map(|&(start, end)| {
            repaired.changes.iter().any(|c| {
                c.applied
                    && c.rule == "dropped-glyph"
                    && c.offset < end
                    && c.offset + c.before.len() > start
            })
        })
        .collect();
    let fixed = repaired.text;
    let mut s = WordScore::default();
    let mut k = 0;
    let orig_lines: Vec<&str> = text.split('\n').collect();
    let fixed_lines: Vec<&str> = fixed.split('\n').collect();
    assert_eq!(
        orig_lines.len(),
        fixed_lines.len(),
        "repair must keep the lines"
    );
    for (o, r) in orig_lines.iter().zip(&fixed_lines) {
        let ow: Vec<&str> = o.split_whitespace().collect();
        let rw: Vec<&str> = r.split_whitespace().collect();
        let matched = lcs_matches(&ow, &rw);
        // REPAIR_EVAL_SHOW=1 lists every miss; any other value, the misses
        // of the rows whose name contains it.
        let show =
            std::env::var("REPAIR_EVAL_SHOW").is_ok_and(|v| v == "1" || row.contains(v.as_str()));
        for (j, w) in ow.iter().enumerate() {
            let was_damaged = flags.get(k + j).copied().unwrap_or(false);
            let touched = touched.get(k + j).copied().unwrap_or(false);
            let left_valid = was_damaged
                && !matched[j]
                && !touched
                && spans
                    .get(k + j)
                    .is_some_and(|&(a, b)| left_a_syllable(&damaged[a..b]));
            let vanished = was_damaged
                && !matched[j]
                && spans.get(k + j).is_some_and(|&(a, b)| {
                    !damaged[a..b].contains(|c: char| c.is_alphabetic() || c == ' ')
                });
            if show && !matched[j] {
                // What the repair said at this word, applied or not.
                let said: Vec<String> = spans
                    .get(k + j)
                    .map(|&(start, end)| {
                        repaired
                            .changes
                            .iter()
                            .filter(|c| c.offset < end && c.offset + c.before.len() > start)
                            .map(|c| {
                                let mark = if c.applied { "" } else { "?" };
                                format!("{}{mark} {:.2}", c.after, c.confidence)
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let from = j.saturating_sub(2);
                let ctx = ow[from..(j + 3).min(ow.len())].join(" ");
                // Word counts may differ after repair: the repaired context
                // is only roughly aligned.
                let got = rw[from.min(rw.len())..(j + 3).min(rw.len())].join(" ");
                eprintln!(
                    "[{row}] {} {w:?} in {ctx:?} -> {got:?} [{}]",
                    if was_damaged && touched {
                        "WRONG FILL"
                    } else if left_valid {
                        "LEFT VALID"
                    } else if vanished {
                        "VANISHED"
                    } else if was_damaged {
                        "NOT RESTORED"
                    } else {
                        "INTACT CHANGED"
                    },
                    said.join("; ")
                );
            }
            if was_damaged {
                s.damaged += 1;
                s.restored += matched[j] as usize;
                s.wrong += (!matched[j] && touched) as usize;
                s.left_valid += left_valid as usize;
                s.vanished += vanished as usize;
            } else {
                s.intact += 1;
                s.intact_changed += !matched[j] as usize;
            }
        }
        k += ow.len();
    }
    s
}

/// Is what the damage left of a word (marks aside) a real syllable?
fn left_a_syllable(left: &str) -> bool {
    let w = left.trim_matches(|c: char| !c.is_alphabetic());
    !w.is_empty() && is_valid_syllable(w) && is_attested_syllable(w)
}

/// For each word of `a`, whether a longest common subsequence with `b` uses it.
fn lcs_matches(a: &[&str], b: &[&str]) -> Vec<bool> {
    let (n, m) = (a.len(), b.len());
    let mut dp = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[i][j] = if a[i] == b[j] {
                dp[i + 1][j + 1] + 1
            } else {
                dp[i + 1][j].max(dp[i][j + 1])
            };
        }
    }
    let mut out = vec![false; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            out[i] = true;
            i += 1;
            j += 1;
        } else if dp[i + 1][j] >= dp[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn char_score(orig: &str, fixed: &str) -> CharScore {
    let mut s = CharScore::default();
    for (o, f) in orig.split('\n').zip(fixed.split('\n')) {
        let o: Vec<char> = o.chars().collect();
        let f: Vec<char> = f.chars().collect();
        s.chars += o.len();
        let d = levenshtein(&o, &f);
        if d > 0 && std::env::var_os("REPAIR_EVAL_SHOW").is_some() {
            eprintln!(
                "LEGACY {:?}\n    -> {:?}",
                o.iter().collect::<String>(),
                f.iter().collect::<String>()
            );
        }
        s.errors += d;
    }
    s
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + (ca != cb) as usize)
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        100.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

fn print_report(
    json: bool,
    rows: &[(String, WordScore)],
    legacy: &[(String, CharScore)],
    skipped: &[String],
    files: usize,
) -> Result<()> {
    if json {
        let v = serde_json::json!({
            "files": files,
            "skipped_not_clean": skipped,
            "words": rows.iter().map(|(n, s)| serde_json::json!({
                "damage": n, "damaged": s.damaged, "restored": s.restored,
                "restored_pct": pct(s.restored, s.damaged), "wrong_fills": s.wrong, "left_valid": s.left_valid, "vanished": s.vanished, "ceiling_pct": pct(s.damaged - s.left_valid - s.vanished, s.damaged), "intact": s.intact, "intact_changed": s.intact_changed,
            })).collect::<Vec<_>>(),
            "legacy": legacy.iter().map(|(n, s)| serde_json::json!({
                "encoding": n, "chars": s.chars, "errors": s.errors, "chars_right_pct": pct(s.chars - s.errors, s.chars),
            })).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    println!("{} files ({} skipped as not clean)", files, skipped.len());
    for s in skipped {
        println!("  skipped: {s}");
    }
    println!(
        "{:<28} {:>9} {:>9} {:>9} {:>7} {:>10} {:>8} {:>8} {:>9} {:>14}",
        "damage",
        "damaged",
        "restored",
        "restored%",
        "wrong",
        "left valid",
        "vanished",
        "ceiling%",
        "intact",
        "intact changed"
    );
    for (n, s) in rows {
        println!(
            "{:<28} {:>9} {:>9} {:>8.2}% {:>7} {:>10} {:>8} {:>7.2}% {:>9} {:>14}",
            n,
            s.damaged,
            s.restored,
            pct(s.restored, s.damaged),
            s.wrong,
            s.left_valid,
            s.vanished,
            pct(s.damaged - s.left_valid - s.vanished, s.damaged),
            s.intact,
            s.intact_changed
        );
    }
    println!(
        "{:<28} {:>9} {:>9} {:>14}",
        "legacy encoding", "chars", "errors", "chars right"
    );
    for (n, s) in legacy {
        println!(
            "{:<28} {:>9} {:>9} {:>13.3}%",
            n,
            s.chars,
            s.errors,
            pct(s.chars - s.errors, s.chars)
        );
    }
    Ok(())
}

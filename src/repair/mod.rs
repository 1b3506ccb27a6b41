//! Diacritics repair: make broken Vietnamese text right without harming good
//! text. (Being built: see issue "Diacritics repair".)

use serde::Serialize;

mod attested;
mod codes;
pub mod damage;
mod dropped;
mod edit;
mod fast_hash;
mod legacy;
mod legacy_tables;
mod model;
mod pairs;
mod syllable;
mod unicode;

pub use attested::is_attested as is_attested_syllable;
pub use model::SyllableModel;
pub use syllable::is_valid as is_valid_syllable;

/// One change the repair stage made (or declined to make).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Byte offset in the input text.
    pub offset: usize,
    pub before: String,
    pub after: String,
    /// Which rule made it ("nfc", "oi-to-u-horn", "tcvn3", "dropped-glyph" ...).
    pub rule: String,
    /// 0.0–1.0; changes under the threshold are reported but not applied.
    pub confidence: f32,
    /// False when the change was only suggested (not confident enough).
    pub applied: bool,
}

/// Repaired text plus the list of changes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Repaired {
    pub text: String,
    pub changes: Vec<Change>,
}

/// Repair `text` with the built-in syllable model and the document's own
/// counts.
pub fn repair(text: &str) -> Repaired {
    repair_with(text, model::builtin_ref())
}

/// Repair `text` with `model` (say, the built-in counts plus those of the
/// archive being imported) and the document's own counts.
///
/// Clean text, the common case, is scanned once and returned untouched.
pub fn repair_with(text: &str, model: &SyllableModel) -> Repaired {
    let unicode = unicode::suspicious(text);
    let legacy = legacy::suspicious(text);
    if !unicode && !legacy && !dropped::suspicious(text) {
        return Repaired {
            text: text.to_string(),
            changes: Vec::new(),
        };
    }
    let mut run = Stages {
        text: text.to_string(),
        maps: Vec::new(),
        changes: Vec::new(),
    };
    if unicode {
        run.stage(unicode::edits);
    }
    if legacy {
        run.decode_legacy();
    }
    run.stage(codes::edits);
    if run.fill_dropped(model) {
        run.settle_after_fills();
    }
    // A fill may sit before a stray combining mark: compose it.
    if unicode::suspicious(&run.text) {
        run.stage(unicode::edits);
    }
    Repaired {
        text: run.text,
        changes: run.changes,
    }
}

/// Rounds of the dropped-glyph stage at most.
const DROPPED_ROUNDS: usize = 12;

/// The text between stages, with what each stage did.
struct Stages {
    text: String,
    /// One map per stage run so far, to report offsets in the input.
    maps: Vec<edit::OffsetMap>,
    changes: Vec<Change>,
}

/// Readings at most of the legacy runs ([`Stages::decode_legacy`]), or of
/// the stages before the fills ([`Stages::settle_after_fills`]).
const READINGS: usize = 4;

impl Stages {
    /// Decode legacy runs until a reading finds none: a decoded word can
    /// end the run it was read in, and leave its neighbour a run of its own
    /// ("K« êI" is read as one run, "Kề êI"; then "êI" reads as "ờI"), so
    /// a second repair would find one.
    fn decode_legacy(&mut self) {
        for _ in 0..READINGS {
            let before = self.changes.len();
            self.stage(legacy::edits);
            if self.changes.len() == before || !legacy::suspicious(&self.text) {
                break;
            }
        }
        // Decoded letters may now meet combining marks: compose them too.
        if unicode::suspicious(&self.text) {
            self.stage(unicode::edits);
        }
    }

    /// Fill dropped letters in rounds until one fills nothing: each
    /// round's fills give the next round intact neighbours to judge by.
    /// (A second repair, reading the repaired text afresh, may still fill
    /// a site this one left.) Did any round fill?
    fn fill_dropped(&mut self, model: &SyllableModel) -> bool {
        let mut rounds = dropped::Rounds::default();
        let mut filled = false;
        for round in 1..=DROPPED_ROUNDS {
            let mut applied = false;
            self.stage(|t| {
                let mut edits = dropped::edits(t, model, &mut rounds);
                applied = edits.iter().any(|e| e.applied);
                if applied && round < DROPPED_ROUNDS {
                    // Suggestions wait for the last round, so none is
                    // reported twice.
                    edits.retain(|e| e.applied);
                }
                edits
            });
            if !applied {
                break;
            }
            filled = true;
        }
        filled
    }

    /// Fills change what the stages before them read: a filled word can
    /// settle a legacy run it stood in ("L¹ kp" is one run, and too broken
    /// to read; "L¹ kịp" leaves "L¹" alone, which reads as TCVN3 "Lạ"), or
    /// give a code the context its lost "Đ" needs. Read them again until
    /// they find nothing, so a second repair finds nothing for them.
    fn settle_after_fills(&mut self) {
        for _ in 0..READINGS {
            let before = self.changes.len();
            if legacy::suspicious(&self.text) {
                self.decode_legacy();
            }
            if unicode::suspicious(&self.text) {
                self.stage(unicode::edits);
            }
            self.stage(codes::edits);
            if self.changes.len() == before {
                break;
            }
        }
    }

    fn stage(&mut self, edits_of: impl FnOnce(&str) -> Vec<edit::Edit>) {
        let edits = edits_of(&self.text);
        if edits.is_empty() {
            return;
        }
        for e in &edits {
            let offset = self.maps.iter().rev().fold(e.start, |x, m| m.back(x));
            self.changes.push(Change {
                offset,
                before: self.text[e.start..e.end].to_string(),
                after: e.after.clone(),
                rule: e.rule.to_string(),
                confidence: e.confidence,
                applied: e.applied,
            });
        }
        self.text = edit::apply(&self.text, &edits);
        self.maps.push(edit::OffsetMap::new(&edits));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn clean_text_is_returned_untouched_with_no_changes() {
        let text = "Ban Thường vụ Đảng ủy Khối ban hành Kế hoạch số 34-KH/ĐUK, ngày 20/10/2021.\n";
        let r = repair(text);
        assert_eq!(r.text, text);
        assert!(r.changes.is_empty());
    }

    #[test]
    fn stages_compose_and_offsets_point_into_the_input() {
        // NFD first, then "ƣ", then a TCVN3 line, then a lost "ô".
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Kế hoạch").collect();
        let text = format!("{nfd} tƣ tƣởng\nthùc hiÖn nhiÖm vô\nc ng tác c ng tác công tác\n");
        let r = repair(&text);
        assert_eq!(
            r.text,
            "Kế hoạch tư tưởng\nthực hiện nhiệm vụ\ncông tác công tác công tác\n"
        );
        for c in r.changes.iter().filter(|c| c.rule != "dropped-glyph") {
            assert_eq!(
                &text[c.offset..c.offset + c.before.len()],
                c.before,
                "{c:?}"
            );
        }
        let dropped: Vec<&Change> = r
            .changes
            .iter()
            .filter(|c| c.rule == "dropped-glyph")
            .collect();
        assert_eq!(dropped.len(), 2);
        assert!(dropped
            .iter()
            .all(|c| c.applied && text[c.offset..].starts_with("c ng")));
    }

    #[test]
    fn a_fill_taking_the_next_fragment_is_scored_with_the_one_after() {
        // "dẫn" takes "n" and leaves "m u"; "dư" + "năm" take "d n m" and
        // leave "u". Scored beside a "m" left broken for good, "dẫn" lost.
        let r = repair("Báo cáo theo hướng d n m u 01 và gửi về Ban Tuyên giáo.");
        assert!(r.text.starts_with("Báo cáo theo hướng dẫn m"), "{}", r.text);
    }

    #[test]
    fn a_legacy_run_settled_by_a_fill_is_read_in_the_same_repair() {
        let once = repair("L¹ kpµ").text;
        assert_eq!(repair(&once).text, once);
    }

    #[test]
    fn a_run_left_alone_by_a_decoded_neighbour_is_read_in_the_same_repair() {
        // "K« êI" is first read as one run, "Kề êI"; "êI" then stands alone.
        for text in ["K« êI\n¹ƣ", "c«\nb«â\n«ôƣ"] {
            let once = repair(text).text;
            assert_eq!(repair(&once).text, once, "{text:?}");
        }
    }

    #[test]
    fn a_code_completed_by_a_fill_is_read_in_the_same_repair() {
        // The fill "đó" gives "¹H " the context of a code's lost "Đ".
        let once = repair("-ế×đ ¹H \n").text;
        assert_eq!(repair(&once).text, once);
    }

    #[test]
    fn both_tone_placements_are_kept_as_written() {
        let text = "hòa bình và hoà bình, thủy lợi và thuỷ lợi, tùy theo và tuỳ theo";
        assert_eq!(repair(text).text, text);
    }

    #[test]
    fn a_huge_clean_text_passes_through() {
        // 100 MB in release builds (the CI run); debug builds take 10 MB.
        let target = if cfg!(debug_assertions) {
            10 << 20
        } else {
            100 << 20
        };
        let line = "Các chi bộ xây dựng kế hoạch thực hiện, báo cáo kết quả trước ngày 15/11/2024 (34-KH/ĐUK).\n";
        let text = line.repeat(target / line.len() + 1);
        let r = repair(&text);
        assert_eq!(r.text.len(), text.len());
        assert!(r.changes.is_empty());
    }

    /// Syllables from the built-in table, without the fragment-like ones
    /// ("i", "gi") that repair deliberately weighs against their neighbours.
    fn syllables() -> Vec<String> {
        let mut v: Vec<String> = include_str!("syllables.tsv")
            .lines()
            .filter_map(|l| l.strip_prefix("u\t"))
            .filter_map(|l| l.split('\t').next())
            .filter(|w| !syllable::is_fragment_word(w))
            .map(str::to_string)
            .collect();
        v.sort();
        v
    }

    proptest! {
        #![proptest_config(crate::testing::proptest_config(300))]

        /// The Unicode, legacy and code stages find nothing in their own
        /// output. A second repair may still fill a letter the first left
        /// (a few in a million such strings), and then read what the fill
        /// settles: it reads the repaired text as a new document, whose
        /// damage no longer shows how the font lost its glyphs.
        #[test]
        fn never_panics_and_a_second_repair_changes_only_by_filling(s in "[ a-zA-Zđôơưăâêìõỏạếƣ¹µ«×\\u{301}\\u{309}\\n,.()-]{0,120}") {
            let once = repair(&s);
            let twice = repair(&once.text);
            if !twice.changes.iter().any(|c| c.applied && c.rule == "dropped-glyph") {
                prop_assert_eq!(&twice.text, &once.text);
            }
        }

        #[test]
        fn any_string_never_panics(s in any::<String>()) {
            let _ = repair(&s);
        }

        #[test]
        fn valid_syllable_text_is_unchanged(
            picks in proptest::collection::vec((0usize..100_000, 0usize..6), 1..60)
        ) {
            let table = syllables();
            let seps = [" ", " ", " ", ", ", ".\n", "; "];
            let mut text = String::new();
            for (i, (w, sep)) in picks.iter().enumerate() {
                if i > 0 {
                    text.push_str(seps[*sep]);
                }
                text.push_str(&table[w % table.len()]);
            }
            prop_assert_eq!(repair(&text).text, text);
        }
    }
}

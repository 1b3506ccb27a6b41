//! Diacritics repair: make broken Vietnamese text right without harming good
//! text. (Being built: see issue "Diacritics repair".)

use serde::Serialize;

pub mod damage;
mod dropped;
mod edit;
mod legacy;
mod legacy_tables;
mod model;
mod syllable;
mod unicode;

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
        run.stage(legacy::edits);
    }
    // Each round's fills give the next round intact neighbours to judge by.
    let mut fills = Vec::new();
    for round in 1..=DROPPED_ROUNDS {
        let mut edits = Vec::new();
        run.stage(|t| {
            edits = dropped::edits(t, model, &mut fills);
            let any_applied = edits.iter().any(|e| e.applied);
            if any_applied && round < DROPPED_ROUNDS {
                // Suggestions wait for the last round, so none is reported twice.
                edits.retain(|e| e.applied);
            }
            edits.clone()
        });
        if !edits.iter().any(|e| e.applied) {
            break;
        }
    }
    Repaired {
        text: run.text,
        changes: run.changes,
    }
}

/// Rounds of the dropped-glyph stage at most.
const DROPPED_ROUNDS: usize = 3;

/// The text between stages, with what each stage did.
struct Stages {
    text: String,
    /// One map per stage run so far, to report offsets in the input.
    maps: Vec<edit::OffsetMap>,
    changes: Vec<Change>,
}

impl Stages {
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

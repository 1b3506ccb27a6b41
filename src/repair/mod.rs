//! Diacritics repair: make broken Vietnamese text right without harming good
//! text. (Being built: see issue "Diacritics repair".)

use serde::Serialize;

mod edit;
mod legacy;
mod legacy_tables;
mod syllable;
mod unicode;

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

/// Repair `text` with the built-in syllable model.
pub fn repair(text: &str) -> Repaired {
    use unicode_normalization::UnicodeNormalization;
    Repaired {
        text: text.nfc().collect(),
        changes: Vec::new(),
    }
}

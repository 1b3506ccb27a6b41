//! Edits a stage proposes against its own input, applying them, and mapping
//! offsets back through earlier stages so reports point into the original.

/// Replace `start..end` (bytes of the stage's input) with `after`.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub after: String,
    pub rule: &'static str,
    pub confidence: f32,
    pub applied: bool,
}

impl Edit {
    pub fn applied(
        start: usize,
        end: usize,
        after: String,
        rule: &'static str,
        confidence: f32,
    ) -> Self {
        Edit {
            start,
            end,
            after,
            rule,
            confidence,
            applied: true,
        }
    }
}

/// Apply the applied edits (sorted, non-overlapping) to `text`.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut pos = 0;
    for e in edits.iter().filter(|e| e.applied) {
        debug_assert!(e.start >= pos, "edits overlap");
        out.push_str(&text[pos..e.start]);
        out.push_str(&e.after);
        pos = e.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Maps offsets in a stage's output back to its input.
#[derive(Debug, Default)]
pub struct OffsetMap {
    /// (output start, output end, input start, input end) of each applied edit.
    spans: Vec<(usize, usize, usize, usize)>,
}

impl OffsetMap {
    pub fn new(edits: &[Edit]) -> Self {
        let mut spans = Vec::new();
        let mut delta: isize = 0;
        for e in edits.iter().filter(|e| e.applied) {
            let out_start = (e.start as isize + delta) as usize;
            spans.push((out_start, out_start + e.after.len(), e.start, e.end));
            delta += e.after.len() as isize - (e.end - e.start) as isize;
        }
        OffsetMap { spans }
    }

    /// Input offset for output offset `x` (the edit's start when inside one).
    pub fn back(&self, x: usize) -> usize {
        let i = self
            .spans
            .partition_point(|&(out_start, ..)| out_start <= x);
        match i.checked_sub(1).map(|i| self.spans[i]) {
            None => x,
            Some((_, out_end, in_start, _)) if x < out_end => in_start,
            Some((_, out_end, _, in_end)) => in_end + (x - out_end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_and_map_back() {
        let text = "ab cd ef";
        let edits = vec![
            Edit::applied(0, 2, "xyz".into(), "t", 1.0),
            Edit {
                applied: false,
                ..Edit::applied(3, 5, "q".into(), "t", 0.1)
            },
            Edit::applied(6, 8, "g".into(), "t", 1.0),
        ];
        assert_eq!(apply(text, &edits), "xyz cd g");
        let map = OffsetMap::new(&edits);
        assert_eq!(map.back(1), 0); // inside the first edit
        assert_eq!(map.back(4), 3); // "cd" moved right by one
        assert_eq!(map.back(7), 6); // the last edit
        assert_eq!(map.back(8), 8); // the end
    }
}

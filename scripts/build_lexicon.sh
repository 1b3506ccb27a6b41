#!/bin/sh
# Regenerate the repair stage's lexicon from public word lists:
#   src/repair/attested.txt  syllables someone writes;
#   src/repair/pairs.txt     pairs of them that stand side by side.
#
# Sources:
#   - Tesseract's Vietnamese model, the full (legacy + LSTM) vie.traineddata
#     4.0.0 of the tesseract-ocr tessdata repository, Apache License 2.0, as
#     packaged on npm by @tesseract.js-data/vie: its LSTM word list (syllables)
#     and its word bigrams (pairs);
#   - the word dictionary of pyvi 0.1.1 (PyPI, MIT License): syllables, and
#     the neighbouring syllables of its entries (pairs).
#
# Needs npm, pip, unzip and the Tesseract training tools (combine_tessdata,
# dawg2wordlist). Run from the crate root: sh scripts/build_lexicon.sh
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
    cd "$work"
    npm pack --silent @tesseract.js-data/vie@1.0.0 >/dev/null
    tar xzf tesseract.js-data-vie-1.0.0.tgz
    gunzip -c package/4.0.0/vie.traineddata.gz >vie.traineddata
    combine_tessdata -u vie.traineddata vie. >/dev/null 2>&1
    dawg2wordlist vie.lstm-unicharset vie.lstm-word-dawg words.txt >/dev/null 2>&1
    dawg2wordlist vie.unicharset vie.bigram-dawg bigrams.txt >/dev/null 2>&1
    pip download --quiet --no-deps -d . pyvi==0.1.1
    unzip -q -o pyvi-0.1.1-py2.py3-none-any.whl pyvi/models/words.txt
)
# Dictionary syllables count only when the bigrams use them (see --lexicon).
cargo run --release --quiet --bin build_syllable_table -- --lexicon "$work/words.txt" "$work/bigrams.txt" "$work/pyvi/models/words.txt"

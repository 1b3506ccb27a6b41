#!/bin/sh
# Regenerate src/repair/pairs.txt: pairs of attested Vietnamese syllables that
# stand side by side, from
#   - the word bigrams of Tesseract's Vietnamese model: the full (legacy +
#     LSTM) vie.traineddata 4.0.0 of the tesseract-ocr tessdata repository,
#     Apache License 2.0, as packaged on npm by @tesseract.js-data/vie;
#   - the word dictionary of pyvi 0.1.1 (PyPI, MIT License).
#
# Needs npm, pip, unzip and the Tesseract training tools (combine_tessdata,
# dawg2wordlist). Run from the crate root, after attested.txt is in place
# (only attested syllables are kept):
#   sh scripts/build_syllable_pairs.sh
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
    cd "$work"
    npm pack --silent @tesseract.js-data/vie@1.0.0 >/dev/null
    tar xzf tesseract.js-data-vie-1.0.0.tgz
    gunzip -c package/4.0.0/vie.traineddata.gz >vie.traineddata
    combine_tessdata -e vie.traineddata vie.unicharset vie.bigram-dawg >/dev/null 2>&1
    dawg2wordlist vie.unicharset vie.bigram-dawg bigrams.txt >/dev/null 2>&1
    pip download --quiet --no-deps -d . pyvi==0.1.1
    unzip -q -o pyvi-0.1.1-py2.py3-none-any.whl pyvi/models/words.txt
)
cargo run --release --quiet --bin build_syllable_table -- --pairs "$work/bigrams.txt" "$work/pyvi/models/words.txt"

#!/bin/sh
# Regenerate src/repair/attested.txt: Vietnamese syllables attested in the
# word list of Tesseract's Vietnamese model (vie.traineddata from the
# tesseract-ocr tessdata repository, Apache License 2.0).
#
# Needs the Tesseract training tools (combine_tessdata, dawg2wordlist) and
# vie.traineddata (Debian/Ubuntu: tesseract-ocr-vie). Run from the crate root:
#   sh scripts/build_attested_syllables.sh [path/to/vie.traineddata]
# The words are lowercased, put in NFC and kept only when the rule-based
# syllable validator accepts them (so codes, English and multi-word entries
# are left out); see `build_syllable_table --attested`.
set -eu
traineddata=${1:-$(ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata | head -n 1)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$traineddata" "$work/vie.traineddata"
(cd "$work" && combine_tessdata -u vie.traineddata vie. &&
    dawg2wordlist vie.lstm-unicharset vie.lstm-word-dawg words.txt) >/dev/null 2>&1
cargo run --release --quiet --bin build_syllable_table -- --attested "$work/words.txt"

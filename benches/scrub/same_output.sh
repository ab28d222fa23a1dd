#!/bin/sh
# Checks that two builds of the scrubber give the same output on the development corpora:
# every document of eval/scrub/dev-a, dev-b, holdout and blind (the first blind corpus, a
# development corpus since) is scrubbed by each build's `scrub_dump` example, and the scrubbed
# texts, findings (kind, span, reason) and indicators kept are compared line by line.
#
#   sh benches/scrub/same_output.sh OLD_SCRUB_DUMP NEW_SCRUB_DUMP
#
# Build each side with `cargo build --release -p ward-scrub --example scrub_dump` (the binary
# is target/release/examples/scrub_dump; copy the old one away before building the new one).
set -eu
old=$1
new=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
corpora="$root/eval/scrub/dev-a/dev-a.jsonl $root/eval/scrub/dev-b/dev-b.jsonl \
$root/eval/scrub/holdout/holdout.jsonl $root/eval/scrub/blind/blind.jsonl"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2086
"$old" $corpora > "$tmp/old.jsonl"
# shellcheck disable=SC2086
"$new" $corpora > "$tmp/new.jsonl"
docs=$(wc -l < "$tmp/new.jsonl")
if cmp -s "$tmp/old.jsonl" "$tmp/new.jsonl"; then
    echo "same output on all $docs documents"
else
    differ=$(diff "$tmp/old.jsonl" "$tmp/new.jsonl" | grep -c '^>' || true)
    echo "$differ of $docs documents differ:"
    diff "$tmp/old.jsonl" "$tmp/new.jsonl" | grep '^>' | grep -o '"id":"[^"]*"' | head -20
    exit 1
fi

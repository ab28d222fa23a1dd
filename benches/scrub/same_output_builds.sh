#!/bin/sh
# Byte-identity of two builds of the scrubber, wider than same_output.sh: every evaluation
# corpus but blind9 and blind10 (frozen and not yet run: never opened) through `scrub_dump`, then dense synthetic files
# of 1 and 8 MB through `ward scrub FILE` (4 MB windows) and, in one call, `scrub_dump`.
#
#   benches/scrub/same_output_builds.sh OLD_DIR NEW_DIR WORK_DIR
#
# OLD_DIR and NEW_DIR each hold `ward`, `scrub_dump` and `scrub_throughput` binaries
# (release builds of the two commits); WORK_DIR receives the outputs. Run from the
# repository root. Prints one line per comparison and exits non-zero on any difference.
set -eu
old=$1 new=$2 work=$3
mkdir -p "$work"
corpora=$(ls eval/scrub/*/*.jsonl | grep -v -e '/blind9/' -e '/blind10/')
status=0
same() {
    if cmp -s "$work/$1.old" "$work/$1.new"; then echo "same: $1"; else echo "DIFFERENT: $1"; status=1; fi
}
for b in old new; do
    eval dir=\$$b
    "$dir/scrub_dump" $corpora > "$work/corpora.$b"
done
same corpora
for mb in 1 8; do
    "$old/scrub_throughput" --write "$work/dense$mb.txt" $mb
    python3 -c 'import json,sys; print(json.dumps({"id": "dense", "text": open(sys.argv[1]).read()}))' \
        "$work/dense$mb.txt" > "$work/dense$mb.jsonl"
    for b in old new; do
        eval dir=\$$b
        "$dir/ward" --data "$work/ward-data" scrub "$work/dense$mb.txt" > "$work/ward$mb.$b"
        "$dir/scrub_dump" "$work/dense$mb.jsonl" > "$work/dump$mb.$b"
    done
    same "ward$mb"
    same "dump$mb"
done
exit $status

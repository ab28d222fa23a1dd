#!/bin/sh
# Byte-identity of two builds of the scrubber, wider than same_output.sh: every evaluation
# corpus but blind14 (frozen and not yet run: never opened, not even listed) through
# `scrub_dump` and, corpus by corpus, `ward scrub --jsonl` (each document's own "org" applies),
# then dense synthetic files of 1 and 8 MB through `ward scrub FILE` (4 MB windows) and, as
# one document, `scrub_dump` and `ward scrub --jsonl`.
#
#   benches/scrub/same_output_builds.sh OLD_DIR NEW_DIR WORK_DIR
#
# OLD_DIR and NEW_DIR each hold `ward`, `scrub_dump` and `scrub_throughput` binaries
# (release builds of the two commits); WORK_DIR receives the outputs. Run from the
# repository root. Prints one line per comparison and exits non-zero on any difference.
set -eu
old=$1 new=$2 work=$3
mkdir -p "$work"
# The held-out corpora are skipped by their folder's name, before anything inside is read.
corpora=
for d in eval/scrub/*/; do
    case $d in
        */blind14/) continue ;;
    esac
    for f in "$d"*.jsonl; do
        if [ -e "$f" ]; then corpora="$corpora $f"; fi
    done
done
status=0
same() {
    if cmp -s "$work/$1.old" "$work/$1.new"; then echo "same: $1"; else echo "DIFFERENT: $1"; status=1; fi
}
for b in old new; do
    eval dir=\$$b
    "$dir/scrub_dump" $corpora > "$work/corpora.$b"
done
same corpora
for f in $corpora; do
    name=$(basename "$f" .jsonl)
    for b in old new; do
        eval dir=\$$b
        # A line the command refuses is part of its output too: the status is not checked.
        "$dir/ward" --data "$work/ward-data" scrub --jsonl "$f" > "$work/jsonl-$name.$b" || true
    done
    same "jsonl-$name"
done
for mb in 1 8; do
    "$old/scrub_throughput" --write "$work/dense$mb.txt" $mb
    python3 -c 'import json,sys; print(json.dumps({"id": "dense", "text": open(sys.argv[1]).read()}))' \
        "$work/dense$mb.txt" > "$work/dense$mb.jsonl"
    for b in old new; do
        eval dir=\$$b
        "$dir/ward" --data "$work/ward-data" scrub "$work/dense$mb.txt" > "$work/ward$mb.$b"
        "$dir/scrub_dump" "$work/dense$mb.jsonl" > "$work/dump$mb.$b"
        "$dir/ward" --data "$work/ward-data" scrub --jsonl "$work/dense$mb.jsonl" > "$work/jsonl-dense$mb.$b"
    done
    same "ward$mb"
    same "dump$mb"
    same "jsonl-dense$mb"
done
exit $status

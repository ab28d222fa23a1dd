"""Document builder shared by the corpus generators: text is assembled from segments, each
segment plain, an identifier (gold PHI span), an indicator (must be kept byte for byte) or
neutral (neither credited nor penalised: honorifics, log timestamps not tied to a person).

Offsets are Python string indices, i.e. Unicode code points, end exclusive.
This module holds no templates: each generator has its own."""

import hashlib
import json
import os
import re
import sys

# Some Faker locales pick from sets, whose order follows Python's per-process string hash:
# generators always run with a fixed hash seed so that a corpus comes out the same every time.
if __name__ != "__main__" and os.environ.get("PYTHONHASHSEED") != "0" and \
        os.path.basename(sys.argv[0]).startswith("gen_"):
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

ID, IND, NEU = "id", "ind", "neu"


def I(text, typ):
    """An identifier slot value."""
    return (" ".join(str(text).split()), ID, typ)


def X(text, typ):
    """An indicator slot value."""
    return (str(text).strip(), IND, typ)


def N(text, typ):
    """A neutral slot value."""
    return (str(text).strip(), NEU, typ)


_SLOT = re.compile(r"\{(\w+)\}")


class Doc:
    def __init__(self):
        self.seg = []  # (text, cat or None, type or None)

    def add(self, text, cat=None, typ=None):
        if text:
            self.seg.append((str(text), cat, typ))
        return self

    def t(self, text):
        return self.add(text)

    def put(self, value):
        """Appends a slot value: str, (text, cat, type) or Doc."""
        if isinstance(value, Doc):
            self.seg.extend(value.seg)
        elif isinstance(value, tuple):
            self.add(*value)
        elif isinstance(value, list):
            for v in value:
                self.put(v)
        else:
            self.add(value)
        return self

    def fill(self, template, **slots):
        """Appends `template` with every {slot} replaced by its value (see put)."""
        pos = 0
        for m in _SLOT.finditer(template):
            self.add(template[pos:m.start()])
            key = m.group(1)
            if key not in slots:
                raise KeyError(f"template slot {key!r} not given")
            self.put(slots[key])
            pos = m.end()
        self.add(template[pos:])
        return self

    def json_escaped(self):
        """The same document as the inside of a JSON string literal (each segment escaped on
        its own, so the gold spans follow the escaped text)."""
        out = Doc()
        for text, cat, typ in self.seg:
            out.add(json.dumps(text, ensure_ascii=False)[1:-1], cat, typ)
        return out

    def plain(self):
        return "".join(s[0] for s in self.seg)

    def render(self):
        text, ids, inds, neus = [], [], [], []
        pos = 0
        for s, cat, typ in self.seg:
            end = pos + len(s)
            if cat == ID:
                ids.append({"start": pos, "end": end, "type": typ})
            elif cat == IND:
                inds.append({"start": pos, "end": end, "type": typ})
            elif cat == NEU:
                neus.append({"start": pos, "end": end, "type": typ})
            text.append(s)
            pos = end
        return "".join(text), ids, inds, neus


def record(doc_id, doc, style, locale, org=None):
    text, ids, inds, neus = doc.render()
    for sp in ids + inds + neus:  # a span never starts or ends on blank space
        frag = text[sp["start"]:sp["end"]]
        assert frag and frag == frag.strip(), (doc_id, sp, frag)
    rec = {"id": doc_id, "text": text, "identifiers": ids, "indicators": inds}
    if neus:
        rec["neutral"] = neus
    rec["style"] = style
    rec["locale"] = locale
    if org:
        rec["org"] = org
    return rec


WORD = re.compile(r"\w+")


def other_words(rec):
    """Word tokens (\\w+ runs) that overlap no gold span of any kind."""
    spans = sorted(
        (s["start"], s["end"])
        for s in rec["identifiers"] + rec["indicators"] + rec.get("neutral", [])
    )
    out = []
    j = 0
    for m in WORD.finditer(rec["text"]):
        a, b = m.span()
        while j < len(spans) and spans[j][1] <= a:
            j += 1
        if any(s < b and e > a for s, e in spans[j:j + 8]):
            continue
        out.append((a, b))
    return out


def write_corpus(path, records):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def manifest(path, title, corpus_file, seed, generator, records, notes):
    from collections import Counter
    idc, indc, styles, locs = Counter(), Counter(), Counter(), Counter()
    words = 0
    for r in records:
        idc.update(s["type"] for s in r["identifiers"])
        indc.update(s["type"] for s in r["indicators"])
        styles[r["style"]] += 1
        locs[r["locale"]] += 1
        words += len(other_words(r))
    size = sum(len(json.dumps(r, ensure_ascii=False)) + 1 for r in records)
    lines = [f"# {title}", "", f"- file: `{corpus_file}` (JSON lines, {len(records)} documents, "
             f"about {size // 1024} KB)",
             f"- generator: `{generator}`, seed {seed} (run it again and the file comes out "
             "the same byte for byte, with the pinned requirements.txt)",
             "- offsets: `start`/`end` are Unicode code-point indices into `text`, end "
             "exclusive (score.py converts them to byte offsets where a scrubber reports bytes)",
             "", notes, "", "## Documents per style", "", "| style | documents |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in sorted(styles.items())]
    lines += ["", "## Documents per locale", "", "| locale | documents |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in sorted(locs.items())]
    lines += ["", "## Identifiers (to be removed) per type", "", "| type | spans |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in sorted(idc.items())]
    lines += [f"| **all** | {sum(idc.values())} |"]
    lines += ["", "## Indicators (to be kept byte for byte) per type", "", "| type | spans |",
              "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in sorted(indc.items())]
    lines += [f"| **all** | {sum(indc.values())} |"]
    lines += ["", f"Other words (`\\w+` runs outside every gold span, for over-scrub): {words}", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))

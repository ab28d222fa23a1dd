"""Deterministic generator of STIX pattern / observed-data pairs for ward's differential test.

generate(seed, count) returns a list of cases {"pattern": str, "bundle": dict}. The same seed
gives the same corpus on every machine (only `random.Random(seed)` is used). Cases cover every
comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET, NOT), every
literal kind (string with escapes, int, float, bool, t'', h'', b''), path forms (quoted keys,
_ref, _refs[*], list index, [*]), and every observation operator and qualifier (AND, OR,
FOLLOWEDBY, WITHIN, REPEATS, START/STOP, parentheses). EXISTS is left out: the reference
matcher does not implement it (ward's own tests cover it).
"""

import base64
import datetime
import json
import random
import sys

BASE = datetime.datetime(2024, 3, 1, 12, 0, 0)

IPS = ["198.51.100.1", "198.51.100.7", "198.51.100.200", "203.0.113.5", "203.0.113.77",
       "10.1.2.3", "192.0.2.10", "198.51.100.0/24", "10.0.0.0/8"]
NETS = ["198.51.100.0/24", "198.51.100.0/25", "203.0.113.0/24", "10.0.0.0/8", "192.0.2.0/30",
        "198.51.100.7/32", "198.51.0.0/16"]
DOMAINS = ["example.com", "www.example.com", "mail.evil.test", "evil.test", "cdn.evil.test",
           "caf\u00e9.test", "cafe\u0301.test"]
FILE_NAMES = ["invoice.pdf", "INVOICE.PDF", "setup.exe", "report_2024.docx", "a_b.txt",
              "it's.txt", "back\\slash.txt", "r\u00e9sum\u00e9.doc"]
SIZES = [0, 512, 1024, 4096, 65536]
SCORES = [0.5, 1.0, 2.25, 7.5]
MD5S = ["d41d8cd98f00b204e9800998ecf8427e", "8d98a25e9d0662b1f4ca3bf22d6f53e9",
        "0cc175b9c0f1b6a831c399e269772661"]
SHA256S = ["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
           "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"]
MAGIC = ["4d5a", "25504446", "504b0304"]
PAYLOADS = [b"hello", b"MZ\x90\x00", b"evil payload"]
PORTS = [22, 80, 443, 3389, 8080]
PROTOCOLS = [["ipv4", "tcp"], ["ipv4", "udp", "dns"], ["ipv6", "tcp", "http"]]
EMAILS = ["alice@example.com", "bob@evil.test", "carol@example.com"]
SUBJECTS = ["Invoice overdue", "Re: lunch", "URGENT: reset your password"]
URLS = ["http://evil.test/a", "https://example.com/login?x=1", "http://198.51.100.7/payload.exe"]


def ts(dt, millis=False):
    if millis:
        return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000)
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def quote(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.n = 0

    def ident(self, kind):
        self.n += 1
        return "%s--00000000-0000-4000-8000-%012d" % (kind, self.n)

    def choice(self, xs):
        return self.rng.choice(xs)

    # -- SCOs: each returns (primary, [extra objects it references]) --------------------
    def sco(self, kind):
        r = self.rng
        o = {"type": kind, "spec_version": "2.1", "id": self.ident(kind)}
        extra = []
        if kind == "ipv4-addr":
            o["value"] = self.choice(IPS)
        elif kind == "domain-name":
            o["value"] = self.choice(DOMAINS)
        elif kind == "url":
            o["value"] = self.choice(URLS)
        elif kind == "email-addr":
            o["value"] = self.choice(EMAILS)
        elif kind == "file":
            o["name"] = self.choice(FILE_NAMES)
            o["size"] = self.choice(SIZES)
            o["x_score"] = self.choice(SCORES)
            o["x_flag"] = r.random() < 0.5
            o["hashes"] = {"MD5": self.choice(MD5S)}
            if r.random() < 0.6:
                o["hashes"]["SHA-256"] = self.choice(SHA256S)
            if r.random() < 0.7:
                o["magic_number_hex"] = self.choice(MAGIC)
        elif kind == "artifact":
            o["payload_bin"] = base64.b64encode(self.choice(PAYLOADS)).decode()
            o["mime_type"] = self.choice(["application/octet-stream", "text/plain"])
        elif kind == "network-traffic":
            src, _ = self.sco("ipv4-addr")
            dst, _ = self.sco("ipv4-addr")
            o["src_ref"] = src["id"]
            o["dst_ref"] = dst["id"]
            o["dst_port"] = self.choice(PORTS)
            o["protocols"] = list(self.choice(PROTOCOLS))
            extra = [src, dst]
        elif kind == "email-message":
            frm, _ = self.sco("email-addr")
            tos = [self.sco("email-addr")[0] for _ in range(r.randint(1, 3))]
            o["is_multipart"] = r.random() < 0.5
            o["from_ref"] = frm["id"]
            o["to_refs"] = [t["id"] for t in tos]
            o["subject"] = self.choice(SUBJECTS)
            o["date"] = ts(BASE + datetime.timedelta(minutes=r.randint(0, 30)), r.random() < 0.5)
            extra = [frm] + tos
        return o, extra

    def observed(self, kinds):
        r = self.rng
        objects = []
        refs = []
        for k in kinds:
            primary, extra = self.sco(k)
            for o in [primary] + extra:
                objects.append(o)
                refs.append(o["id"])
        first = BASE + datetime.timedelta(seconds=r.choice([0, 10, 30, 60, 90, 300, 600, 3600]))
        last = first + datetime.timedelta(seconds=r.choice([0, 0, 5, 20, 120]))
        od = {
            "type": "observed-data", "spec_version": "2.1", "id": self.ident("observed-data"),
            "created": "2024-03-01T00:00:00.000Z", "modified": "2024-03-01T00:00:00.000Z",
            "first_observed": ts(first, r.random() < 0.3), "last_observed": ts(last),
            "number_observed": r.choice([1, 1, 1, 1, 2, 3]), "object_refs": refs,
        }
        return od, objects

    # -- comparisons ----------------------------------------------------------------------
    def pick(self, scos, kind, pool, getter):
        """A value from an object of this case (so that matches happen) or from the pool."""
        mine = [getter(o) for o in scos if o["type"] == kind]
        mine = [v for v in mine if v is not None]
        if mine and self.rng.random() < 0.65:
            return self.choice(mine)
        return self.choice(pool)

    def comparison(self, scos, kind):
        r = self.rng
        c = self.choice
        neg = "NOT " if r.random() < 0.12 else ""
        if kind == "ipv4-addr":
            v = self.pick(scos, kind, IPS, lambda o: o.get("value"))
            return c([
                lambda: "ipv4-addr:value %s= %s" % (neg, quote(v)),
                lambda: "ipv4-addr:value != %s" % quote(v),
                lambda: "ipv4-addr:value %sISSUBSET %s" % (neg, quote(c(NETS))),
                lambda: "ipv4-addr:value %sISSUPERSET %s" % (neg, quote(c(["198.51.100.7", "10.9.9.9", "198.51.100.0/26"]))),
                lambda: "ipv4-addr:value %sIN (%s)" % (neg, ", ".join(quote(x) for x in r.sample(IPS, 3))),
                lambda: "ipv4-addr:value %sMATCHES %s" % (neg, quote(c(["^198\\.51\\.", "\\.7$", "^(?!10\\.).*"]))),
            ])()
        if kind == "domain-name":
            v = self.pick(scos, kind, DOMAINS, lambda o: o.get("value"))
            return c([
                lambda: "domain-name:value %s= %s" % (neg, quote(v)),
                lambda: "domain-name:value %sLIKE %s" % (neg, quote(c(["%.evil.test", "%example.com", "caf\u00e9%", "_vil.test", "%", "mail.%.test"]))),
                lambda: "domain-name:value %sMATCHES %s" % (neg, quote(c(["evil", "^caf\u00e9", "(?<=mail\\.)evil", "^[a-z]+\\.example\\.com$", "\\.test$"]))),
                lambda: "domain-name:value %s> %s" % (neg, quote(c(DOMAINS))),
                lambda: "domain-name:value %sIN (%s)" % (neg, ", ".join(quote(x) for x in r.sample(DOMAINS, 2))),
            ])()
        if kind == "url":
            v = self.pick(scos, kind, URLS, lambda o: o.get("value"))
            return c([
                lambda: "url:value %s= %s" % (neg, quote(v)),
                lambda: "url:value %sLIKE %s" % (neg, quote(c(["http://%", "%.exe", "%login?x=_"]))),
                lambda: "url:value %sMATCHES %s" % (neg, quote(c(["^https?://evil\\.test/", "payload\\.(exe|dll)$"]))),
            ])()
        if kind == "file":
            return c([
                lambda: "file:name %s= %s" % (neg, quote(self.pick(scos, kind, FILE_NAMES, lambda o: o.get("name")))),
                lambda: "file:name %sLIKE %s" % (neg, quote(c(["%.pdf", "%.PDF", "a\\_b%", "r_sum%", "%'%"]))),
                lambda: "file:name %s%s %s" % (neg, c(["<", "<=", ">", ">="]), quote(c(FILE_NAMES))),
                lambda: "file:size %s%s %d" % (neg, c(["=", "!=", "<", "<=", ">", ">="]), self.pick(scos, kind, SIZES, lambda o: o.get("size"))),
                lambda: "file:size %sIN (%s)" % (neg, ", ".join(str(x) for x in r.sample(SIZES, 2))),
                lambda: "file:x_score %s%s %s" % (neg, c(["=", "<", ">=", "!="]), c(["1", "1.0", "2.25", "0.4", "7.5", "-1"])),
                lambda: "file:x_flag %s= %s" % (neg, c(["true", "false"])),
                lambda: "file:hashes.MD5 %s= %s" % (neg, quote(self.pick(scos, kind, MD5S, lambda o: o["hashes"].get("MD5")))),
                lambda: "file:hashes.'SHA-256' %s= %s" % (neg, quote(self.pick(scos, kind, SHA256S, lambda o: o["hashes"].get("SHA-256")))),
                lambda: "file:hashes.MD5 %sIN (%s)" % (neg, ", ".join(quote(x) for x in r.sample(MD5S, 2))),
                lambda: "file:magic_number_hex %s= h'%s'" % (neg, c(MAGIC)),
                lambda: "file:magic_number_hex %s= %s" % (neg, quote(c(["MZ", "%PDF", "PK"]))),
                lambda: "file:magic_number_hex %s%s h'%s'" % (neg, c(["<", ">", "<=", ">="]), c(MAGIC)),
                lambda: "file:magic_number_hex %sMATCHES %s" % (neg, quote(c(["^MZ", "PDF"]))),
            ])()
        if kind == "artifact":
            return c([
                lambda: "artifact:payload_bin %s= b'%s'" % (neg, base64.b64encode(c(PAYLOADS)).decode()),
                lambda: "artifact:payload_bin %s= %s" % (neg, quote(c(["hello", "evil payload"]))),
                lambda: "artifact:payload_bin %sMATCHES %s" % (neg, quote(c(["ell", "^MZ", "payload$"]))),
                lambda: "artifact:mime_type %sLIKE 'text/%%'" % neg,
            ])()
        if kind == "network-traffic":
            return c([
                lambda: "network-traffic:dst_ref.value %s= %s" % (neg, quote(c(IPS))),
                lambda: "network-traffic:src_ref.value %sISSUBSET %s" % (neg, quote(c(NETS))),
                lambda: "network-traffic:dst_port %s%s %d" % (neg, c(["=", "<", ">", ">=", "<=", "!="]), c(PORTS)),
                lambda: "network-traffic:protocols[*] %s= %s" % (neg, quote(c(["tcp", "udp", "dns", "http"]))),
                lambda: "network-traffic:protocols[0] %s= %s" % (neg, quote(c(["ipv4", "ipv6"]))),
                lambda: "network-traffic:protocols[2] %sIN ('dns', 'http')" % neg,
                lambda: "network-traffic:'dst_port' %sIN (%s)" % (neg, ", ".join(str(x) for x in r.sample(PORTS, 2))),
            ])()
        if kind == "email-message":
            when = ts(BASE + datetime.timedelta(minutes=r.randint(0, 30)), r.random() < 0.5)
            return c([
                lambda: "email-message:from_ref.value %s= %s" % (neg, quote(c(EMAILS))),
                lambda: "email-message:to_refs[*].value %s= %s" % (neg, quote(c(EMAILS))),
                lambda: "email-message:to_refs[0].value %sLIKE %s" % (neg, quote(c(["%@evil.test", "alice%"]))),
                lambda: "email-message:subject %sMATCHES %s" % (neg, quote(c(["(?i)invoice", "^Re:", "URGENT"]))),
                lambda: "email-message:is_multipart %s= %s" % (neg, c(["true", "false"])),
                lambda: "email-message:date %s%s t'%s'" % (neg, c(["=", "<", ">", "<=", ">="]), when),
                lambda: "email-message:date %sIN (t'%s', t'%s')" % (neg, when, ts(BASE)),
            ])()
        if kind == "email-addr":
            v = self.pick(scos, kind, EMAILS, lambda o: o.get("value"))
            return c([
                lambda: "email-addr:value %s= %s" % (neg, quote(v)),
                lambda: "email-addr:value %sLIKE '%%@example.com'" % neg,
            ])()
        raise ValueError(kind)

    def comparison_expr(self, scos, kind, depth=0):
        r = self.rng
        roll = r.random()
        if depth < 2 and roll < 0.25:
            op = self.choice(["AND", "OR"])
            left = self.comparison_expr(scos, kind, depth + 1)
            right = self.comparison_expr(scos, self.choice([kind, kind, kind, self.choice(KINDS)]), depth + 1)
            expr = "%s %s %s" % (left, op, right)
            return "(%s)" % expr if r.random() < 0.4 else expr
        return self.comparison(scos, kind)

    def observation_expr(self, scos, depth=0):
        r = self.rng
        roll = r.random()
        if depth < 2 and roll < 0.4:
            op = self.choice(["AND", "OR", "FOLLOWEDBY"])
            expr = "%s %s %s" % (self.observation_expr(scos, depth + 1), op, self.observation_expr(scos, depth + 1))
            if r.random() < 0.5:
                expr = "(%s)" % expr
                expr = self.qualify(expr)
            return expr
        kind = self.choice([o["type"] for o in scos] + [self.choice(KINDS)])
        return self.qualify("[%s]" % self.comparison_expr(scos, kind))

    def qualify(self, expr):
        r = self.rng
        kinds = r.sample(["WITHIN", "REPEATS", "STARTSTOP"], r.choice([0, 0, 0, 1, 1, 2]))
        for k in kinds:
            if k == "WITHIN":
                expr += " WITHIN %s SECONDS" % self.choice(["1", "15", "60", "100", "600", "0.5", "3600"])
            elif k == "REPEATS":
                expr += " REPEATS %d TIMES" % self.choice([1, 2, 2, 3, 4])
            else:
                a = BASE + datetime.timedelta(seconds=self.choice([-60, 0, 30, 60, 300, 605]))
                b = a + datetime.timedelta(seconds=self.choice([1, 30, 60, 600, 7200]))
                expr += " START t'%s' STOP t'%s'" % (ts(a), ts(b))
        return expr

    def case(self):
        r = self.rng
        ods = []
        objects = []
        for _ in range(r.choice([1, 2, 2, 3, 4, 5])):
            od, objs = self.observed(r.sample(KINDS, r.choice([1, 1, 2])))
            ods.append(od)
            objects.extend(objs)
        pattern = self.observation_expr(objects)
        bundle = {"type": "bundle", "id": self.ident("bundle"), "objects": ods + objects}
        return {"pattern": pattern, "bundle": bundle}


KINDS = ["ipv4-addr", "domain-name", "url", "file", "artifact", "network-traffic", "email-message"]


def generate(seed, count):
    gen = Gen(random.Random(seed))
    return [gen.case() for _ in range(count)]


if __name__ == "__main__":
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 600
    json.dump(generate(seed, count), sys.stdout, ensure_ascii=False)

"""Shared pieces of the hub benchmarks: start `ward serve` or medallion on loopback, set up
members and a collection, make STIX objects, time HTTP requests on keep-alive connections.

Standard library only, so the scripts run with any Python 3.9+; medallion comes from the
project's venv. Every server started here is stopped by the script that started it.
"""

import base64
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid

TAXII = "application/taxii+json;version=2.1"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def indicator(n, modified="2024-01-01T00:00:00.000Z"):
    """A valid STIX 2.1 indicator, deterministic in n (about 420 bytes)."""
    return {
        "type": "indicator",
        "spec_version": "2.1",
        "id": "indicator--%s" % uuid.UUID(int=(n + 1) | (4 << 76) | (2 << 62)),
        "created": "2024-01-01T00:00:00.000Z",
        "modified": modified,
        "name": "Phishing sender %d" % n,
        "indicator_types": ["malicious-activity"],
        "pattern": "[email-addr:value = 'billing%d@invoice-portal.example']" % n,
        "pattern_type": "stix",
        "valid_from": "2024-01-01T00:00:00Z",
    }


def percentile(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    k = min(len(s) - 1, max(0, int(round(p / 100.0 * (len(s) - 1)))))
    return s[k]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One keep-alive HTTP connection with fixed credentials."""

    def __init__(self, host, port, auth):
        self.host, self.port, self.auth = host, port, auth
        self.conn = http.client.HTTPConnection(host, port, timeout=120)

    def request(self, method, path, body=None):
        headers = {"Accept": TAXII, "Authorization": self.auth}
        if body is not None:
            headers["Content-Type"] = TAXII
        for attempt in (0, 1):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()
                return resp.status, resp, data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection; reconnect once.
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
                if attempt:
                    raise

    def timed(self, method, path, body=None):
        t0 = time.perf_counter()
        status, resp, data = self.request(method, path, body)
        return time.perf_counter() - t0, status, resp, data


class Ward:
    """A `ward serve` on a fresh data folder with one writer and one collection."""

    def __init__(self, binary, data=None, extra=()):
        self.binary = binary
        self.tmp = None
        if data is None:
            self.tmp = tempfile.TemporaryDirectory(prefix="ward-bench-")
            data = self.tmp.name
        self.data = data

        def admin(*args):
            out = subprocess.run([binary, "--data", data, "--json", "admin", *args],
                                 check=True, capture_output=True, text=True)
            return json.loads(out.stdout)

        admin("org", "add", "Bench")
        admin("user", "add", "--org", "Bench", "bench")
        self.token = admin("token", "create", "--user", "bench")["token"]
        self.collection = admin("collection", "add", "Bench", "--read", "Bench",
                                "--write", "Bench")["id"]
        self.proc = subprocess.Popen(
            [binary, "--data", data, "serve", "--listen", "127.0.0.1:0", *extra],
            stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().strip()
        if not line.startswith("listening on http://"):
            self.stop()
            sys.exit("ward serve did not start: %r" % line)
        host, port = line[len("listening on http://"):].rsplit(":", 1)
        self.host, self.port = host, int(port)
        self.auth = "Bearer " + self.token
        self.objects_path = "/taxii2/api/collections/%s/objects/" % self.collection

    def client(self):
        return Client(self.host, self.port, self.auth)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        if self.tmp:
            self.tmp.cleanup()


class Medallion:
    """medallion (memory backend) with one collection, on a free port."""

    COLLECTION = "91a7b528-80eb-42ed-a74d-c6fbd5a26116"

    def __init__(self, python, page_size):
        self.tmp = tempfile.TemporaryDirectory(prefix="medallion-bench-")
        self.port = free_port()
        data = {
            "/discovery": {
                "title": "bench",
                "default": "http://127.0.0.1:%d/api1/" % self.port,
                "api_roots": ["http://127.0.0.1:%d/api1/" % self.port],
            },
            "api1": {
                "information": {"title": "bench", "versions": [TAXII],
                                "max_content_length": 100 * 1024 * 1024},
                "status": [],
                "collections": [{
                    "id": self.COLLECTION, "title": "Bench", "can_read": True,
                    "can_write": True, "media_types": ["application/stix+json;version=2.1"],
                    "objects": [], "manifest": [],
                }],
            },
        }
        data_path = os.path.join(self.tmp.name, "data.json")
        with open(data_path, "w") as f:
            json.dump(data, f)
        config = {
            "backend": {"module_class": "MemoryBackend",
                        "module": "medallion.backends.memory_backend",
                        "filename": data_path},
            "users": {"bench": "bench"},
            "taxii": {"max_page_size": page_size},
        }
        config_path = os.path.join(self.tmp.name, "config.json")
        with open(config_path, "w") as f:
            json.dump(config, f)
        medallion = os.path.join(os.path.dirname(python), "medallion")
        self.proc = subprocess.Popen([medallion, "--port", str(self.port), config_path],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.host = "127.0.0.1"
        self.auth = "Basic " + base64.b64encode(b"bench:bench").decode()
        self.objects_path = "/api1/collections/%s/objects/" % self.COLLECTION
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                status, _, _ = self.client().request("GET", "/taxii2/")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        sys.exit("medallion did not start")

    def client(self):
        return Client(self.host, self.port, self.auth)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.tmp.cleanup()


def default_ward():
    for candidate in ("target/release/ward", "target/debug/ward"):
        path = os.path.join(ROOT, candidate)
        if os.path.exists(path):
            return path
    sys.exit("build ward first: cargo build --release -p ward-cli")


def default_python():
    return os.environ.get("WARD_PYTHON", os.path.join(ROOT, ".venv", "bin", "python"))

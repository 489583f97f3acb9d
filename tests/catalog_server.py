#!/usr/bin/env python3
"""A local stand-in for the Microsoft Update Catalog, for wufix's end-to-end tests and
benchmarks. Serves the fixture pages of tests/fixtures/catalog (Search.aspx by KB,
DownloadDialog.aspx by update id, placeholders filled in) and generated package files whose
digests it announces, with Range support.

  catalog_server.py [--size NAME=BYTES]... [--drop-once NAME=BYTES]... [--corrupt NAME]...
                    [--redirect NAME=URL]... [--log FILE] [--lifetime S]
                    [--dialog-replace OLD=>NEW]... [--search-replace OLD=>NEW]...

Prints the port it bound on the first line, then serves until killed or --lifetime.
A file's bytes are a 1 MiB block derived from its name, repeated; every file not given a
--size is 200000 bytes. --drop-once closes the connection after BYTES of the first full
GET of NAME; --corrupt serves NAME with one byte changed (the digests stay those of the
good file); --redirect answers NAME with a 302 to URL. --dialog-replace and --search-replace
make a hostile page: OLD replaced by NEW (Python escapes such as \\x00 and \\x1b decoded) in
every DownloadDialog or Search page before it is served."""
import argparse
import base64
import codecs
import hashlib
import json
import os
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "catalog")
BLOCK = 1 << 20
DEFAULT_SIZE = 200000


def block_of(name):
    out = bytearray()
    counter = 0
    while len(out) < BLOCK:
        out += hashlib.sha256(f"{name}:{counter}".encode()).digest()
        counter += 1
    return bytes(out[:BLOCK])


class Package:
    def __init__(self, name, size):
        self.name, self.size, self.block = name, size, block_of(name)
        sha1, sha256 = hashlib.sha1(), hashlib.sha256()
        for start in range(0, size, BLOCK):
            piece = self.block[: min(BLOCK, size - start)]
            sha1.update(piece)
            sha256.update(piece)
        self.sha1 = base64.b64encode(sha1.digest()).decode()
        self.sha256 = base64.b64encode(sha256.digest()).decode()

    def chunks(self, start, corrupt):
        """The bytes from `start` to the end, in pieces of up to 1 MiB."""
        pos = start
        while pos < self.size:
            offset = pos % BLOCK
            n = min(BLOCK - offset, self.size - pos)
            piece = self.block[offset:offset + n]
            if corrupt and pos <= self.size // 2 < pos + n:
                i = self.size // 2 - pos
                piece = piece[:i] + bytes([piece[i] ^ 0xFF]) + piece[i + 1:]
            yield piece
            pos += n


class Catalog:
    def __init__(self, args):
        self.sizes = dict(pair(s, int) for s in args.size)
        self.drop_once = dict(pair(s, int) for s in args.drop_once)
        self.redirect = dict(pair(s, str) for s in args.redirect)
        self.corrupt = set(args.corrupt)
        # hostile pages (issue #11): OLD=>NEW replacements, NEW with Python escapes (\x00, \x1b)
        self.page_replace = {kind: [(o, codecs.decode(n, "unicode_escape")) for o, _, n in (r.partition("=>") for r in reps)]
                             for kind, reps in (("dialog", args.dialog_replace), ("search", args.search_replace))}
        self.packages = {}
        self.lock = threading.Lock()
        self.log_file = args.log
        self.dialogs = {}  # update id -> fixture file name
        for name in os.listdir(FIXTURES):
            if name.startswith("download_kb"):
                m = re.search(r"updateID\s*=\s*'([0-9a-f-]{36})'", read_fixture(name))
                if m:
                    self.dialogs[m.group(1)] = name

    def package(self, name):
        with self.lock:
            if name not in self.packages:
                self.packages[name] = Package(name, self.sizes.get(name, DEFAULT_SIZE))
            return self.packages[name]

    def log(self, line):
        if self.log_file:
            with self.lock, open(self.log_file, "a") as f:
                f.write(line + "\n")

    def hostile(self, kind, page):
        for old, new in self.page_replace[kind]:
            page = page.replace(old, new)
        return page

    def fill(self, page, base):
        page = self.hostile("dialog", page).replace("@BASE@", base)
        page = re.sub(r"@SHA1:([^@]+)@", lambda m: self.package(m.group(1)).sha1, page)
        return re.sub(r"@SHA256:([^@]+)@", lambda m: self.package(m.group(1)).sha256, page)


def pair(text, kind):
    name, _, value = text.partition("=")
    return name, kind(value)


def read_fixture(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return f.read()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "wufix-test-catalog"

    def log_message(self, *args):
        pass

    def send_page(self, text, status=200):
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def base(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def search(self, page_two):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query).get("q", [""])[0].lower()
        for name in ([f"search_{query}_2.html"] if page_two else [f"search_{query}.html", f"search_{query}_1.html"]):
            if os.path.exists(os.path.join(FIXTURES, name)):
                return self.send_page(self.server.catalog.hostile("search", read_fixture(name)))
        self.send_page(read_fixture("search_none.html"))

    def do_GET(self):
        catalog = self.server.catalog
        catalog.log(f"GET {self.path} range={self.headers.get('Range', '')}")
        path = urllib.parse.urlparse(self.path).path
        if path.lower() == "/search.aspx":
            return self.search(False)
        if path.lower() == "/scopedviewinline.aspx":
            uid = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query).get("updateid", [""])[0].lower()
            name = f"details_{uid}.html"
            exists = re.fullmatch(r"[0-9a-f-]{36}", uid) and os.path.exists(os.path.join(FIXTURES, name))
            return self.send_page(read_fixture(name if exists else "details_not_superseded.html"))
        name = path.rsplit("/", 1)[-1]
        # the download paths of both eras: /c/ and /d/msdownload/... (download.windowsupdate.com,
        # catalog.s.download.windowsupdate.com) and /filestreamingservice/files/<guid>/...
        is_file = path.startswith(("/c/msdownload/", "/d/msdownload/", "/filestreamingservice/files/"))
        if is_file and name in catalog.redirect:
            self.send_response(302)
            self.send_header("Location", catalog.redirect[name])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if is_file:
            return self.send_file(catalog.package(name))
        self.send_page("<html><body>not found</body></html>", 404)

    def do_POST(self):
        catalog = self.server.catalog
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        catalog.log(f"POST {self.path}")
        path = urllib.parse.urlparse(self.path).path.lower()
        if path == "/search.aspx":
            return self.search(form.get("__EVENTTARGET", [""])[0].endswith("nextPageLinkText"))
        if path == "/downloaddialog.aspx":
            ids = [u["updateID"] for u in json.loads(form.get("updateIDs", ["[]"])[0])]
            if len(ids) == 1 and ids[0] in catalog.dialogs:
                return self.send_page(catalog.fill(read_fixture(catalog.dialogs[ids[0]]), self.base()))
            return self.send_page(read_fixture("catalog_busy.html").replace("8DDD0010", "8DDD0024"))
        self.send_page("<html><body>not found</body></html>", 404)

    def send_file(self, package):
        catalog = self.server.catalog
        start = 0
        m = re.match(r"bytes=(\d+)-$", self.headers.get("Range", ""))
        if m and int(m.group(1)) >= package.size:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{package.size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if m:
            start = int(m.group(1))
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{package.size - 1}/{package.size}")
        else:
            self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(package.size - start))
        self.end_headers()
        with catalog.lock:
            drop = catalog.drop_once.pop(package.name, None) if start == 0 else None
        sent = 0
        for piece in package.chunks(start, package.name in catalog.corrupt):
            if drop is not None and sent + len(piece) >= drop:
                self.wfile.write(piece[: drop - sent])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(2)
                return
            self.wfile.write(piece)
            sent += len(piece)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", action="append", default=[])
    parser.add_argument("--drop-once", action="append", default=[])
    parser.add_argument("--corrupt", action="append", default=[])
    parser.add_argument("--redirect", action="append", default=[])
    parser.add_argument("--dialog-replace", action="append", default=[])
    parser.add_argument("--search-replace", action="append", default=[])
    parser.add_argument("--log")
    parser.add_argument("--lifetime", type=float, default=300.0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.catalog = Catalog(args)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    time.sleep(args.lifetime)
    server.shutdown()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""A tiny RFC 3161 time-stamping server for the signing tests (tests/wine/test_sign.sh).

Usage: tsa_server.py DIR [--lifetime S]
DIR holds tsa.pem and tsa.key (a certificate with the critical timeStamping EKU) and ca.pem.
Answers HTTP POSTs of a DER TimeStampReq on 127.0.0.1 with `openssl ts -reply`; prints the
port it bound, then serves until killed or --lifetime seconds have passed.
"""
import argparse
import http.server
import os
import subprocess
import sys
import threading

CONFIG = """\
[tsa]
default_tsa = tsa_config
[tsa_config]
serial = {d}/tsaserial
signer_cert = {d}/tsa.pem
signer_key = {d}/tsa.key
certs = {d}/ca.pem
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha1, sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


def handler(directory):
    config = os.path.join(directory, "ts.cnf")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            query = os.path.join(directory, "query.der")
            reply = os.path.join(directory, "reply.der")
            with open(query, "wb") as f:
                f.write(self.rfile.read(int(self.headers["Content-Length"])))
            made = subprocess.run(["openssl", "ts", "-reply", "-config", config, "-queryfile", query,
                                   "-out", reply], capture_output=True, text=True)
            if made.returncode != 0:
                sys.stderr.write(made.stderr)
                self.send_response(500)
                self.end_headers()
                return
            with open(reply, "rb") as f:
                body = f.read()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--lifetime", type=float, default=120)
    args = p.parse_args()
    d = os.path.abspath(args.dir)
    with open(os.path.join(d, "ts.cnf"), "w") as f:
        f.write(CONFIG.format(d=d))
    with open(os.path.join(d, "tsaserial"), "w") as f:
        f.write("01\n")
    server = http.server.HTTPServer(("127.0.0.1", 0), handler(d))
    print(server.server_address[1], flush=True)
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""SPDX 2.3 SBOM (JSON) of wufix.exe: wufix and the third-party code compiled into it.

Usage: sbom.py EXE VERSION OUT.spdx.json   (called by scripts/package.sh)

The third-party versions are those of the Debian packages the exe was built from (dpkg-query),
so the SBOM names what is really in the binary, not what CMake asked for. Reproducible: the
creation time is SOURCE_DATE_EPOCH and the document namespace is derived from the exe's SHA-256
(a different exe is a different document; the same exe the same one).
"""
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
import urllib.parse

HOMEPAGE = os.environ.get("WUFIX_HOMEPAGE", "https://github.com/wufix/wufix")

# (SPDX id suffix, display name, Debian package the code comes from, declared license, what of it is in wufix.exe)
THIRD_PARTY = [
    ("CLI11", "CLI11", "libcli11-dev", "BSD-3-Clause", "header-only, compiled in"),
    ("fmt", "fmt", "libfmt-dev", "MIT", "header-only (FMT_HEADER_ONLY), compiled in"),
    ("nlohmann-json", "nlohmann-json", "nlohmann-json3-dev", "MIT", "header-only, compiled in"),
    ("libstdcxx", "libstdc++ (GCC)", "g++-mingw-w64-x86-64-posix",
     "GPL-3.0-or-later WITH GCC-exception-3.1", "libstdc++.a, statically linked"),
    ("libgcc", "libgcc (GCC)", "gcc-mingw-w64-x86-64-posix",
     "GPL-3.0-or-later WITH GCC-exception-3.1", "libgcc.a and libgcc_eh.a, statically linked"),
    # The CRT and winpthreads carry many licenses (ZPL-2.1, MIT, BSD-3-Clause, public domain,
    # ...; /usr/share/doc/mingw-w64-x86-64-dev/copyright): no single expression is asserted.
    ("mingw-w64-runtime", "MinGW-w64 runtime (CRT, winpthreads)", "mingw-w64-x86-64-dev",
     "NOASSERTION", "CRT startup, libmingwex, libwinpthread and import libraries, statically linked"),
]


def dpkg(package):
    fields = "${Version}\t${Architecture}\t${Homepage}\t${source:Package}"
    out = subprocess.run(["dpkg-query", "-W", "-f=" + fields, package],
                         check=True, capture_output=True, text=True).stdout
    version, arch, homepage, source = out.split("\t")
    return {"version": version, "arch": arch, "homepage": homepage, "source": source}


def debian_release():
    try:
        with open("/etc/debian_version") as f:
            return "debian-" + f.read().strip().split(".")[0]
    except OSError:
        return "debian"


def upstream_version(debian_version):
    """2.1.2+ds-1 -> 2.1.2; 12.2.0-14+deb12u1+25.2+b1 -> 12.2.0; 1:2.3-4 -> 2.3."""
    m = re.match(r"(?:\d+:)?([0-9][0-9A-Za-z.~]*?)(?:[+~][A-Za-z].*|-[^-]*)?$", debian_version)
    return m.group(1) if m else debian_version


def third_party_package(spdx_suffix, name, deb, license_declared, how, distro):
    info = dpkg(deb)
    purl = "pkg:deb/debian/{}@{}?arch={}&distro={}".format(
        deb, urllib.parse.quote(info["version"], safe=""), info["arch"], distro)
    return {
        "SPDXID": "SPDXRef-Package-" + spdx_suffix,
        "name": name,
        "versionInfo": upstream_version(info["version"]),
        "supplier": "Organization: Debian",
        "downloadLocation": "NOASSERTION",
        "homepage": info["homepage"] or "NOASSERTION",
        "filesAnalyzed": False,
        "licenseConcluded": "NOASSERTION",
        "licenseDeclared": license_declared,
        "copyrightText": "NOASSERTION",
        "comment": "From Debian package {} {} (source {}); {}.".format(
            deb, info["version"], info["source"], how),
        "primaryPackagePurpose": "LIBRARY",
        "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                          "referenceLocator": purl}],
    }


def sbom(exe, version, epoch):
    with open(exe, "rb") as f:
        exe_sha256 = hashlib.sha256(f.read()).hexdigest()
    created = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    distro = debian_release()
    wufix = {
        "SPDXID": "SPDXRef-Package-wufix",
        "name": "wufix",
        "versionInfo": version,
        "supplier": "Organization: wufix developers",
        "originator": "Organization: wufix developers",
        "downloadLocation": HOMEPAGE,
        "homepage": HOMEPAGE,
        "packageFileName": "wufix.exe",
        "filesAnalyzed": False,
        "checksums": [{"algorithm": "SHA256", "checksumValue": exe_sha256}],
        "licenseConcluded": "MIT",
        "licenseDeclared": "MIT",
        "copyrightText": "Copyright (c) 2026 wufix developers",
        "primaryPackagePurpose": "APPLICATION",
    }
    deps = [third_party_package(*t, distro) for t in THIRD_PARTY]
    relationships = [{"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
                      "relatedSpdxElement": wufix["SPDXID"]}]
    relationships += [{"spdxElementId": wufix["SPDXID"], "relationshipType": "STATIC_LINK",
                       "relatedSpdxElement": d["SPDXID"]} for d in deps]
    return {
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": "wufix-{}-x64".format(version),
        "documentNamespace": "{}/spdx/wufix-{}-x64-{}".format(HOMEPAGE, version, exe_sha256),
        "creationInfo": {
            "created": created,
            "creators": ["Organization: wufix developers", "Tool: wufix-scripts-sbom.py-" + version],
        },
        "packages": [wufix] + deps,
        "relationships": relationships,
    }


def main(argv):
    if len(argv) != 4:
        print("usage: sbom.py EXE VERSION OUT.spdx.json", file=sys.stderr)
        return 2
    exe, version, out = argv[1:]
    doc = sbom(exe, version, int(os.environ.get("SOURCE_DATE_EPOCH", "0")))
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

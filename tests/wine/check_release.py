#!/usr/bin/python3
"""Checks a built release directory (scripts/package.sh): SBOM and store manifests.

Usage: check_release.py DIST VERSION   (tests/wine/test_manifests.sh, test_sign.sh)

Every problem is printed, one a line; exit 1 when there is any. Checked: the winget YAML files
load and match tests/schemas (winget 1.6.0 subsets), the Scoop JSON matches its schema, the
nuspec is well-formed XML with the elements NuGet and Chocolatey require, the SPDX SBOM matches
its schema and names the Debian packages' versions, and every hash in them equals the SHA-256 of
the artefact it names (zip, MSI, the exe inside the zip, the zip embedded in the Chocolatey tree).
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import jsonschema
import yaml

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas")
NUSPEC_NS = "{http://schemas.microsoft.com/packaging/2015/06/nuspec.xsd}"
problems = []


def problem(text):
    problems.append(text)


def sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def validate(doc, schema_file, what):
    with open(os.path.join(SCHEMAS, schema_file)) as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    for error in validator.iter_errors(doc):
        problem("{}: {} (at {})".format(what, error.message, "/".join(map(str, error.path))))


def same_hash(found, expected, what):
    if (found or "").lower() != expected:
        problem("{}: hash {} is not the artefact's {}".format(what, found, expected))


def check_winget(d, a):
    files = {"version": "wufix.wufix.yaml", "installer": "wufix.wufix.installer.yaml",
             "defaultLocale": "wufix.wufix.locale.en-US.yaml"}
    docs = {}
    for kind, name in files.items():
        path = os.path.join(d, "manifests", "winget", name)
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        docs[kind] = doc
        validate(doc, "winget.{}.1.6.0.json".format(kind), "winget " + name)
        if doc.get("ManifestType") != kind:
            problem("winget {}: ManifestType {}".format(name, doc.get("ManifestType")))
        if doc.get("PackageVersion") != a["version"]:
            problem("winget {}: PackageVersion {}".format(name, doc.get("PackageVersion")))
    by_type = {i.get("InstallerType"): i for i in docs["installer"].get("Installers", [])}
    if set(by_type) != {"zip", "msi"}:
        problem("winget installers: {} (want the zip and the msi)".format(sorted(by_type)))
        return
    same_hash(by_type["zip"]["InstallerSha256"], a["zip"], "winget zip InstallerSha256")
    same_hash(by_type["msi"]["InstallerSha256"], a["msi"], "winget msi InstallerSha256")
    if by_type["zip"].get("NestedInstallerType") != "portable":
        problem("winget zip: NestedInstallerType is not portable")
    if by_type["msi"].get("ProductCode") != a["product_code"]:
        problem("winget msi: ProductCode {} is not the MSI's {}".format(
            by_type["msi"].get("ProductCode"), a["product_code"]))
    for kind, url in (("zip", a["zip_name"]), ("msi", a["msi_name"])):
        if not by_type[kind]["InstallerUrl"].endswith("/v{}/{}".format(a["version"], url)):
            problem("winget {}: InstallerUrl {}".format(kind, by_type[kind]["InstallerUrl"]))


def check_scoop(d, a):
    with open(os.path.join(d, "manifests", "scoop", "wufix.json"), encoding="utf-8") as f:
        doc = json.load(f)
    validate(doc, "scoop.json", "scoop wufix.json")
    for key in ("version", "url", "hash", "bin", "checkver", "autoupdate"):
        if key not in doc:
            problem("scoop: no " + key)
    same_hash(doc.get("hash"), a["zip"], "scoop hash")
    if doc.get("version") != a["version"] or not str(doc.get("url", "")).endswith(a["zip_name"]):
        problem("scoop: version/url {} {}".format(doc.get("version"), doc.get("url")))


def check_chocolatey(d, a):
    root_dir = os.path.join(d, "manifests", "chocolatey")
    try:
        package = ET.parse(os.path.join(root_dir, "wufix.nuspec")).getroot()
    except ET.ParseError as e:
        problem("nuspec: not well-formed XML: {}".format(e))
        return
    if package.tag != NUSPEC_NS + "package":
        problem("nuspec: root element {}".format(package.tag))
    meta = package.find(NUSPEC_NS + "metadata")
    text = {child.tag[len(NUSPEC_NS):]: (child.text or "").strip() for child in (meta if meta is not None else [])}
    for element in ("id", "version", "authors", "description", "projectUrl", "packageSourceUrl", "licenseUrl"):
        if not text.get(element):
            problem("nuspec: <{}> missing or empty".format(element))
    if text.get("version") != a["version"]:
        problem("nuspec: version {}".format(text.get("version")))
    if "," in text.get("tags", ""):
        problem("nuspec: tags are separated by commas")
    tools = os.path.join(root_dir, "tools")
    embedded = os.path.join(tools, a["zip_name"])
    same_hash(sha256_file(embedded) if os.path.exists(embedded) else "", a["zip"], "chocolatey embedded zip")
    with open(os.path.join(tools, "VERIFICATION.txt"), encoding="utf-8") as f:
        verification = f.read()
    hashes = re.findall(r"SHA256: ([0-9a-fA-F]{64})", verification)
    if len(hashes) != 2:
        problem("VERIFICATION.txt: {} hashes (want the zip's and the exe's)".format(len(hashes)))
    else:
        same_hash(hashes[0], a["zip"], "VERIFICATION.txt zip")
        same_hash(hashes[1], a["exe"], "VERIFICATION.txt wufix.exe")
    with open(os.path.join(tools, "chocolateyinstall.ps1"), encoding="utf-8") as f:
        script = f.read()
    m = re.search(r"-Checksum '([0-9a-fA-F]{64})'", script)
    same_hash(m.group(1) if m else "", a["zip"], "chocolateyinstall.ps1 -Checksum")


def dpkg_version(package):
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], check=True,
                          capture_output=True, text=True).stdout


def check_sbom(d, a):
    with open(os.path.join(d, "wufix-{}-x64.spdx.json".format(a["version"])), encoding="utf-8") as f:
        doc = json.load(f)
    validate(doc, "spdx-2.3.json", "SPDX SBOM")
    packages = {p["name"]: p for p in doc.get("packages", [])}
    wufix = packages.get("wufix", {})
    same_hash(next((c["checksumValue"] for c in wufix.get("checksums", []) if c["algorithm"] == "SHA256"), ""),
              a["exe"], "SBOM wufix.exe checksum")
    if wufix.get("versionInfo") != a["version"]:
        problem("SBOM: wufix version {}".format(wufix.get("versionInfo")))
    for name, deb in (("CLI11", "libcli11-dev"), ("fmt", "libfmt-dev"), ("nlohmann-json", "nlohmann-json3-dev"),
                      ("libstdc++ (GCC)", "g++-mingw-w64-x86-64-posix"),
                      ("MinGW-w64 runtime (CRT, winpthreads)", "mingw-w64-x86-64-dev")):
        p = packages.get(name)
        if p is None:
            problem("SBOM: no package " + name)
            continue
        version = dpkg_version(deb)
        purl = p["externalRefs"][0]["referenceLocator"] if p.get("externalRefs") else ""
        if not version.startswith(p.get("versionInfo", "?")) or deb not in purl:
            problem("SBOM: {} {} / {} does not name Debian's {} {}".format(name, p.get("versionInfo"), purl, deb, version))
    linked = {r["relatedSpdxElement"] for r in doc.get("relationships", [])
              if r["spdxElementId"] == wufix.get("SPDXID") and r["relationshipType"] == "STATIC_LINK"}
    if len(linked) != len(packages) - 1:
        problem("SBOM: wufix STATIC_LINKs {} of {} third-party packages".format(len(linked), len(packages) - 1))


def msi_property(msi, name):
    rows = subprocess.run(["msiinfo", "export", msi, "Property"], check=True, capture_output=True, text=True).stdout
    return next((r.split("\t", 1)[1] for r in rows.splitlines() if r.startswith(name + "\t")), "")


def main(argv):
    d, version = argv[1], argv[2]
    a = {"version": version, "zip_name": "wufix-{}-x64.zip".format(version),
         "msi_name": "wufix-{}-x64.msi".format(version)}
    a["zip"] = sha256_file(os.path.join(d, a["zip_name"]))
    a["msi"] = sha256_file(os.path.join(d, a["msi_name"]))
    with zipfile.ZipFile(os.path.join(d, a["zip_name"])) as z:
        a["exe"] = hashlib.sha256(z.read("wufix.exe")).hexdigest()
    a["product_code"] = msi_property(os.path.join(d, a["msi_name"]), "ProductCode")
    for check in (check_winget, check_scoop, check_chocolatey, check_sbom):
        try:
            check(d, a)
        except (OSError, KeyError, TypeError, yaml.YAMLError, json.JSONDecodeError) as e:
            problem("{}: {}: {}".format(check.__name__, type(e).__name__, e))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

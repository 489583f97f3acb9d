#!/usr/bin/env python3
"""Check data/error_codes.tsv against itself and against the mingw-w64 headers.

data/error_codes.tsv is the source of truth and is edited by hand; this script only
verifies it. It reads nothing but that file and the mingw-w64 headers, so it can run on
any developer machine with the mingw-w64 package installed.

Checks:
  * header line, 5 TAB-separated fields, 0xXXXXXXXX upper-case codes, sorted, unique;
  * names unique; no '@' or '${' (the text goes through CMake configure_file);
  * fix is empty or one of the wufix commands; success codes have no fix;
  * every name defined in the headers carries the header's value (HRESULT_FROM_WIN32
    applied to plain Win32/WinINet/WinHTTP/Winsock numbers);
  * every WU_E_*/WU_S_* in wuerror.h has a row.
Names absent from the headers (newer SDK-only codes, CBS_E_*) are listed, not failed.

Usage: tools/check_error_codes.py [path/to/error_codes.tsv] [mingw include dir]
"""
import os
import re
import sys

FIXES = {
    "wufix repair --only reset",
    "wufix repair --only services",
    "wufix repair --only dism",
    "wufix repair --only dism --source PATH",
    "wufix repair --only sfc",
    "wufix repair --only clock",
    "wufix diagnose",
    "wufix install KB...",
    "wufix logs",
}
HEADERS = ["wuerror.h", "winerror.h", "wininet.h", "winhttp.h", "bitsmsg.h"]
BASES = {"INTERNET_ERROR_BASE": 12000, "WINHTTP_ERROR_BASE": 12000, "WSABASEERR": 10000}
DEFINE = re.compile(r"#define\s+([A-Z][A-Z0-9_]+)\s+(.*)")


def hresult_from_win32(x):
    return x if x == 0 else (x & 0xFFFF) | 0x80070000


def parse_value(expr):
    """Value of a #define body we understand, as an HRESULT; None otherwise."""
    m = re.search(r"(?:_HRESULT_TYPEDEF_|\(HRESULT\))\((0x[0-9A-Fa-f]+)\)|\(HRESULT\)(0x[0-9A-Fa-f]+)", expr)
    if m:
        return int(m.group(1) or m.group(2), 16)
    m = re.match(r"\(?(?:__MSABI_LONG\()?(0x[0-9A-Fa-f]+|\d+)L?\)?\s*$", expr.strip())
    if m:
        v = int(m.group(1), 0)
        return v if v > 0xFFFF else hresult_from_win32(v)
    m = re.match(r"\((\w+)\s*\+\s*(\d+)\)", expr.strip())
    if m and m.group(1) in BASES:
        return hresult_from_win32(BASES[m.group(1)] + int(m.group(2)))
    return None


def load_headers(inc):
    defs = {}
    for h in HEADERS:
        path = os.path.join(inc, h)
        with open(path, encoding="latin-1") as f:
            for line in f:
                m = DEFINE.match(line)
                if m and m.group(1) not in defs:
                    v = parse_value(m.group(2))
                    if v is not None:
                        defs[m.group(1)] = (v, h)
    return defs


def load_table(path):
    errors, rows = [], []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != "code\tname\tdescription\tcause\tfix":
        errors.append("line 1: bad header")
    for no, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != 5 or not re.fullmatch(r"0x[0-9A-F]{8}", fields[0]):
            errors.append(f"line {no}: malformed row: {line[:60]}")
            continue
        if "@" in line or "${" in line:
            errors.append(f"line {no}: '@' or '${{' would upset configure_file")
        rows.append((no, int(fields[0], 16), *fields[1:]))
    return rows, errors


def check_rows(rows):
    errors, names, last = [], {}, -1
    for no, code, name, desc, cause, fix in rows:
        if code <= last:
            errors.append(f"line {no}: 0x{code:08X} not sorted or duplicate")
        last = code
        if name:
            if name in names:
                errors.append(f"line {no}: name {name} also on line {names[name]}")
            names[name] = no
        if not desc:
            errors.append(f"line {no}: empty description")
        if fix and fix not in FIXES:
            errors.append(f"line {no}: unknown fix '{fix}'")
        if fix and not code & 0x80000000:
            errors.append(f"line {no}: success code with a fix")
    return errors


def check_against_headers(rows, defs):
    errors, unknown = [], []
    by_name = {r[2]: r for r in rows if r[2]}
    for name, (no, code, *_rest) in ((n, r[:2]) for n, r in by_name.items()):
        if name not in defs:
            unknown.append(f"0x{code:08X} {name}")
        elif defs[name][0] != code:
            errors.append(f"line {no}: {name} is 0x{defs[name][0]:08X} in {defs[name][1]}")
    for name, (value, header) in defs.items():
        if header == "wuerror.h" and name.startswith(("WU_E_", "WU_S_")) and name not in by_name:
            errors.append(f"missing row for {name} 0x{value:08X}")
    return errors, unknown


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    tsv = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "data", "error_codes.tsv")
    inc = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/mingw-w64/include"
    rows, errors = load_table(tsv)
    errors += check_rows(rows)
    header_errors, unknown = check_against_headers(rows, load_headers(inc))
    errors += header_errors
    wu_e = sum(1 for r in rows if r[2].startswith("WU_E_"))
    wu_s = sum(1 for r in rows if r[2].startswith("WU_S_"))
    win32 = sum(1 for r in rows if (r[1] >> 16) == 0x8007)
    print(f"{len(rows)} rows: {wu_e} WU_E, {wu_s} WU_S, {win32} Win32-facility")
    print(f"{len(unknown)} names not in the mingw-w64 headers (checked elsewhere):")
    for u in unknown:
        print("  " + u)
    for e in errors:
        print("ERROR: " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

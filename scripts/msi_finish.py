#!/usr/bin/env python3
"""Finishes the MSI wixl made: the PATH entry, and the same bytes from the same inputs.

Usage: msi_finish.py MSI PACKAGE_CODE   (called by scripts/package.sh; SOURCE_DATE_EPOCH from env)

1. PATH: wixl (msitools 0.101) has no <Environment> element, so the Environment table row a WiX
   <Environment Name="PATH" Value="[INSTALLDIR]" Part="last" Action="set" System="yes"
   Permanent="no"> compiles to is added with msibuild: Name "=-*PATH" (= set on install,
   - remove on uninstall, * system variable), Value "[~];[INSTALLDIR]" (appended), owned by the
   wufix.exe component; with the WriteEnvironmentStrings/RemoveEnvironmentStrings actions at
   their standard sequence numbers.
2. Reproducible: wixl writes a random revision UUID (the package code; it ignores
   <Package Id>) and the clock's time as created/last-saved into the SummaryInformation stream;
   everything else it writes is already deterministic. The stream is rewritten in place (same
   size) with PACKAGE_CODE and SOURCE_DATE_EPOCH.
"""
import os
import struct
import subprocess
import sys

import olefile

SUMMARY = "\x05SummaryInformation"
PID_REVNUMBER, PID_CREATE_DTM, PID_LASTSAVE_DTM = 9, 12, 13
VT_LPSTR, VT_FILETIME = 0x1E, 0x40
EPOCH_AS_FILETIME = 116444736000000000  # 1970-01-01 in 100 ns units since 1601-01-01

PATH_QUERIES = [
    "CREATE TABLE `Environment` (`Environment` CHAR(72) NOT NULL, `Name` CHAR(255) NOT NULL LOCALIZABLE, "
    "`Value` CHAR(255) LOCALIZABLE, `Component_` CHAR(72) NOT NULL PRIMARY KEY `Environment`)",
    "INSERT INTO `Environment` (`Environment`, `Name`, `Value`, `Component_`) "
    "VALUES ('PATH', '=-*PATH', '[~];[INSTALLDIR]', 'WufixExe')",
    "INSERT INTO `InstallExecuteSequence` (`Action`, `Sequence`) VALUES ('RemoveEnvironmentStrings', 3300)",
    "INSERT INTO `InstallExecuteSequence` (`Action`, `Sequence`) VALUES ('WriteEnvironmentStrings', 5200)",
]


def add_path_entry(msi):
    args = ["msibuild", msi]
    for q in PATH_QUERIES:
        args += ["-q", q]
    subprocess.run(args, check=True)


def property_offsets(stream):
    """{property id: (type, offset of its value)} of the first property set (MS-OLEPS 2.21)."""
    (set_offset,) = struct.unpack_from("<I", stream, 44)  # after header (28) + FMTID0 (16)
    _, count = struct.unpack_from("<II", stream, set_offset)
    found = {}
    for i in range(count):
        pid, offset = struct.unpack_from("<II", stream, set_offset + 8 + 8 * i)
        (vtype,) = struct.unpack_from("<H", stream, set_offset + offset)
        found[pid] = (vtype, set_offset + offset + 4)
    return found


def pinned_summary(stream, package_code, epoch):
    data = bytearray(stream)
    props = property_offsets(data)
    vtype, at = props[PID_REVNUMBER]
    (size,) = struct.unpack_from("<I", data, at)
    code = package_code.encode("ascii") + b"\0"
    if vtype != VT_LPSTR or size != len(code):
        raise SystemExit("msi_finish.py: unexpected revision number field (type {}, size {})".format(vtype, size))
    data[at + 4:at + 4 + size] = code
    filetime = struct.pack("<Q", EPOCH_AS_FILETIME + epoch * 10_000_000)
    for pid in (PID_CREATE_DTM, PID_LASTSAVE_DTM):
        vtype, at = props[pid]
        if vtype != VT_FILETIME:
            raise SystemExit("msi_finish.py: property {} is not a FILETIME".format(pid))
        data[at:at + 8] = filetime
    return bytes(data)


def pin_summary(msi, package_code, epoch):
    ole = olefile.OleFileIO(msi, write_mode=True)
    try:
        stream = ole.openstream(SUMMARY).read()
        ole.write_stream(SUMMARY, pinned_summary(stream, package_code, epoch))
    finally:
        ole.close()


def main(argv):
    if len(argv) != 3:
        print("usage: msi_finish.py MSI PACKAGE_CODE", file=sys.stderr)
        return 2
    msi, package_code = argv[1], argv[2].upper()
    if not package_code.startswith("{"):
        package_code = "{" + package_code + "}"
    add_path_entry(msi)
    pin_summary(msi, package_code, int(os.environ.get("SOURCE_DATE_EPOCH", "0")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

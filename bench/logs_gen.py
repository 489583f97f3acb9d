#!/usr/bin/env python3
"""Writes a CBS.log-format file of about SIZE bytes: a realistic mix of routine CBS/CSI lines,
benign failures (DisableWerReporting, next element), continuation lines, sessions that succeed,
and a few that fail (source missing, store corruption, SFC cannot repair).
Usage: logs_gen.py OUT SIZE_MB"""
import random
import sys

out_path, size_mb = sys.argv[1], int(sys.argv[2])
target = size_mb * 1024 * 1024
rng = random.Random(6)
PKG = "Package_for_RollupFix~31bf3856ad364e35~amd64~~22621.{}.1.8"
ROUTINE = [
    "Info                  CBS    Read out cached package applicability for package: Package_for_KB50{:05d}~31bf3856ad364e35~amd64~~22621.3593.1.5, ApplicableState: 112, CurrentState:112",
    "Info                  CBS    Appl: detect Parent, Package: Microsoft-Windows-Client-Features-Package0{:05d}~31bf3856ad364e35~amd64~~10.0.22621.3593, Parent: Microsoft-Windows-Client-Features-Package~31bf3856ad364e35~amd64~~10.0.22621.3593, Disposition = Detect, VersionComp: EQ, ServiceComp: GE, BuildComp: GE, DistributionComp: GE, RevisionComp: GE, Exist: present",
    "Info                  CBS    Plan: Package: Package_{:05d}_for_KB5037771~31bf3856ad364e35~amd64~~22621.3593.1.8, Update: 5037771-{}_neutral_PACKAGE, current: Installed, pending: Default, start: Installed, applicable: Installed, target: Installed, limit: Installed, selected: Default, plan: Installed, disposition: Installed",
    "Info                  CSI    0000{:04x} Performing 1 operations as follows:",
    "Info                  CSI    0000{:04x}@2026/5/12:09:58:02.120 Component change list: amd64_microsoft-windows-kernel32_31bf3856ad364e35_10.0.22621.{}_none_0123456789abcdef",
    "Info                  CBS    Session: 31098765_{:010d} finalized. Reboot required: no [HRESULT = 0x00000000 - S_OK]",
    "Info                  CBS    Appl: Evaluating applicability block(non detectUpdate part), disposition is: Resolved, applicability: Applicable, result applicability state: Installed",
    "Info                  CBS    Perf: Doqe: Install ended.",
    "Info                  CBS    Failed to query DisableWerReporting flag. [HRESULT = 0x80070002 - ERROR_FILE_NOT_FOUND]",
    "Info                  CBS    Failed to get next element [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]",
    "Info                  CSI    0000{:04x} CSI Store 1887040 (0x00000000001ccb40) initialized",
    "Info                  CBS    Exec: Skipping Package: Package_{:05d}_for_KB5036980~31bf3856ad364e35~amd64~~22621.3520.1.5, Update: 5036980-{}_neutral_GDR because it is already in the correct state.",
]
CONT = "  (0)  LockComponentPath: flags: 0 comp: {l:16 b:3c6e2b1d4f5ad8010b0000002c103810} pathid: {l:16 b:3c6e2b1d4f5ad8010c0000002c103810}"
FAILURES = [
    ["Info                  CBS    Exec: Processing started.  Client: WindowsUpdateAgent, Session: 31098765_1234567890, Package: " + PKG.format(3593),
     "Error                 CBS    Failed to resolve package file: \\\\?\\C:\\Windows\\SoftwareDistribution\\Download\\7c1e9d3f\\Windows11.0-KB5037771-x64.cab [HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]",
     "Info                  CBS    Failed to execute execution chain. [HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]",
     "Info                  CBS    Exec: Processing complete.  Session: 31098765_1234567890 [HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]"],
    ["Info                  CBS    Store corruption, manifest missing for package: Package_1234_for_KB5030000~31bf3856ad364e35~amd64~~10.0.1.2",
     "Info                  CSI    0000012c CSI Payload Corrupt			amd64_microsoft-windows-kernel32_31bf3856ad364e35_10.0.22621.3593_none_0123456789abcdef\\kernel32.dll"],
    ["Info                  CSI    0000012b [SR] Cannot repair member file [l:12]\"kernel32.dll\" of Microsoft-Windows-Kernel32, version 10.0.22621.3593, arch amd64, nonSxS, pkt {l:8 b:31bf3856ad364e35} in the store, hash mismatch"],
]

written = 0
second = 0
failure_every = target // 5  # a handful of failures spread through the file
next_failure = failure_every
with open(out_path, "w", newline="\r\n", buffering=1 << 20) as f:
    while written < target:
        lines = []
        for _ in range(2000):
            second += 1
            stamp = "2026-05-{:02d} {:02d}:{:02d}:{:02d}, ".format(1 + (second // 86400) % 28, (second // 3600) % 24, (second // 60) % 60, second % 60)
            t = rng.choice(ROUTINE)
            lines.append(stamp + t.format(rng.randrange(65536), rng.randrange(4000)))
            if rng.random() < 0.02:
                lines.append(CONT)
        if written >= next_failure:
            next_failure += failure_every
            for l in rng.choice(FAILURES):
                lines.append(stamp + l)
        block = "\n".join(lines) + "\n"
        f.write(block)
        written += len(block) + len(lines)

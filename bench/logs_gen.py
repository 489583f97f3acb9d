#!/usr/bin/env python3
"""Writes a CBS.log of about SIZE_MB as a busy PC's servicing writes it: routine chatter
(Session initialized by client, Exec: Processing started/complete with S_OK, long Appl: detect
Parent lines, DWLD: staging lines, CSI "Hashes for file member ... are good", Perf: and Reboot
mark refs lines, CSI store lines), Info and Warning levels mixed, benign Info failures
(DisableWerReporting), continuation lines, CRLF; and a real failure only every few hundred
thousand lines (source missing, store corruption, SFC cannot repair).
Usage: logs_gen.py OUT SIZE_MB"""
import random
import sys

out_path, size_mb = sys.argv[1], int(sys.argv[2])
target = size_mb * 1024 * 1024
rng = random.Random(12)
INFO = "Info                  "
WARN = "Warning               "
ROUTINE = [
    INFO + "CBS    Session: 31098765_{:010d} initialized by client WindowsUpdateAgent, external staging directory: (null), external registry directory: (null)",
    INFO + "CBS    Exec: Processing started.  Client: WindowsUpdateAgent, Session: 31098765_{:010d}, Package: Package_for_RollupFix~31bf3856ad364e35~amd64~~22621.{}.1.8",
    INFO + "CBS    Exec: Processing complete.  Session: 31098765_{:010d}, Package: Package_for_KB50{:05d}~31bf3856ad364e35~amd64~~22621.3593.1.5 [HRESULT = 0x00000000 - S_OK]",
    INFO + "CBS    Appl: detect Parent, Package: Microsoft-Windows-Client-Features-Package0{:05d}~31bf3856ad364e35~amd64~~10.0.22621.{}, Parent: Microsoft-Windows-Client-Features-Package~31bf3856ad364e35~amd64~~10.0.22621.3593, Disposition = Detect, VersionComp: EQ, ServiceComp: GE, BuildComp: GE, DistributionComp: GE, RevisionComp: GE, Exist: present",
    INFO + "CBS    Appl: detect Parent, Package: Package_{:05d}_for_KB5037771~31bf3856ad364e35~amd64~~22621.{}.1.8, Parent: Microsoft-Windows-Foundation-Package~31bf3856ad364e35~amd64~~10.0.22621.1, Disposition = Detect, VersionComp: GE, ServiceComp: GE, BuildComp: GE, DistributionComp: GE, RevisionComp: GE, Exist: present",
    INFO + "CBS    DWLD:Package_{:05d}_for_KB5037771~31bf3856ad364e35~amd64~~22621.{}.1.8 is staged, skipping download [HRESULT = 0x00000000 - S_OK]",
    INFO + "CBS    DWLD: Staging package Package_{:05d}_for_KB5037771~31bf3856ad364e35~amd64~~22621.{}.1.8 from C:\\Windows\\SoftwareDistribution\\Download\\7c1e9d3f0b2a4c55",
    INFO + "CSI    0000{:04x} Hashes for file member [l:12]\"kernel32.dll\" are good, component amd64_microsoft-windows-kernel32_31bf3856ad364e35_10.0.22621.{}_none_0123456789abcdef",
    INFO + "CSI    0000{:04x}@2026/5/12:09:58:02.120 CSI Transaction @0x1a2b3c{} initialized for deployment engine {{d16d444c-56d8-11d5-882d-0080c847b195}} with flags 00000002 and client id [10]\"TI5.31098765_{}:1/\"",
    INFO + "CBS    Perf: Doqe: Install ended, {} packages, {} ms.",
    INFO + "CBS    Reboot mark refs: {}",
    INFO + "CBS    Failed to query DisableWerReporting flag. [HRESULT = 0x80070002 - ERROR_FILE_NOT_FOUND]",
    INFO + "CBS    Plan: Package: Package_{:05d}_for_KB5037771~31bf3856ad364e35~amd64~~22621.3593.1.8, Update: 5037771-{}_neutral_PACKAGE, current: Installed, pending: Default, start: Installed, applicable: Installed, target: Installed, limit: Installed, selected: Default, plan: Installed, disposition: Installed",
    WARN + "CBS    Appl: Evaluating applicability block(non detectUpdate part), disposition is: Resolved, applicability: NotApplicable, result applicability state: Absent, {} {}",
    INFO + "CSI    0000{:04x} CSI Store {} (0x00000000001ccb40) initialized",
]
CONT = "  (0)  LockComponentPath: flags: 0 comp: {l:16 b:3c6e2b1d4f5ad8010b0000002c103810} pathid: {l:16 b:3c6e2b1d4f5ad8010c0000002c103810}"
FAILURES = [
    [INFO + "CBS    Exec: Processing started.  Client: WindowsUpdateAgent, Session: 31098765_1234567890, Package: Package_for_RollupFix~31bf3856ad364e35~amd64~~22621.3593.1.8",
     "Error                 CBS    Failed to resolve package file: \\\\?\\C:\\Windows\\SoftwareDistribution\\Download\\7c1e9d3f\\Windows11.0-KB5037771-x64.cab [HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]",
     INFO + "CBS    Failed to execute execution chain. [HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]",
     INFO + "CBS    Exec: Processing complete.  Session: 31098765_1234567890 [HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]"],
    [INFO + "CBS    Store corruption, manifest missing for package: Package_1234_for_KB5030000~31bf3856ad364e35~amd64~~10.0.1.2",
     INFO + "CSI    0000012c CSI Payload Corrupt\t\t\tamd64_microsoft-windows-kernel32_31bf3856ad364e35_10.0.22621.3593_none_0123456789abcdef\\kernel32.dll"],
    [INFO + "CSI    0000012b [SR] Cannot repair member file [l:12]\"kernel32.dll\" of Microsoft-Windows-Kernel32, version 10.0.22621.3593, arch amd64, nonSxS, pkt {l:8 b:31bf3856ad364e35} in the store, hash mismatch"],
]

written = 0
second = 0
lines_written = 0
next_failure = rng.randrange(200_000, 400_000)
with open(out_path, "w", newline="\r\n", buffering=1 << 20) as f:
    while written < target:
        lines = []
        for _ in range(2000):
            second += 1
            stamp = "2026-05-{:02d} {:02d}:{:02d}:{:02d}, ".format(1 + (second // 86400) % 28, (second // 3600) % 24, (second // 60) % 60, second % 60)
            t = rng.choice(ROUTINE)
            lines.append(stamp + t.format(rng.randrange(65536), rng.randrange(4000), rng.randrange(1 << 20)))
            if rng.random() < 0.01:
                lines.append(CONT)
        lines_written += len(lines)
        if lines_written >= next_failure:
            next_failure += rng.randrange(200_000, 400_000)
            for l in rng.choice(FAILURES):
                lines.append(stamp + l)
        block = "\n".join(lines) + "\n"
        f.write(block)
        written += len(block) + len(lines)

#!/usr/bin/env python3
"""The crafted inputs of issue #11 item 8, through build/native/wufix logs --json: peak RSS and
CPU time of each. Before the caps: a CBS log of 2 M distinct failure codes grew the cause map
to 103 MB; 4,096 ReportingEvents lines with long distinct titles to 264 MB; ten 64 KB lines
of "[HRESULT = " markers took 2 s (the search restarted at every marker). Targets: each under
32 MB and well under a second.
Usage: bench/logs_hostile.py [WUFIX]   (files kept in $BENCH_DIR or /tmp/wufix-bench-hostile)"""
import os
import subprocess
import sys

wufix = sys.argv[1] if len(sys.argv) > 1 else "build/native/wufix"
out_dir = os.environ.get("BENCH_DIR", "/tmp/wufix-bench-hostile")
os.makedirs(out_dir, exist_ok=True)
K64 = 64 * 1024 - 100


def distinct_codes(path):
    with open(path, "w", newline="\r\n") as f:
        f.write("2026-05-12 09:00:00, Info                  CBS    Session: 1_1 initialized by client X\n")
        for i in range(2_000_000):
            f.write("2026-05-12 09:00:01, Info                  CBS    Exec: Processing complete.  "
                    "Session: 1_1 [HRESULT = 0x%08X - X]\n" % (0x80000000 + i))


def long_titles(path):
    with open(path, "wb") as f:
        f.write(b"\xff\xfe")
        for i in range(4096):
            title = ("T%05d " % i) + "x" * (K64 // 2 - 200)
            line = ("{11111111-2222-3333-4444-555555555555}\t2026-05-12 10:15:01:123+0200\t1\t182 "
                    "[AGENT_INSTALLING_FAILED]\t101\t{A1B2C3D4-0000-0000-0000-000000000001}\t200\t80070002\t"
                    "UpdateOrchestrator\tFailure\tContent Install " + "y" * 1000 + "\tInstallation Failure: "
                    "Windows failed to install the following update with error 0x80070002: " + title + "\r\n")
            f.write(line.encode("utf-16-le"))


def marker_lines(path):
    with open(path, "w", newline="\r\n") as f:
        for _ in range(10):
            f.write("2026-05-12 09:00:01, Error                 CBS    " + "[HRESULT = " * (K64 // 11) + "\n")


def junk_lines(path):  # 64 KB lines in no format: every one goes through the tolerant reader
    with open(path, "w") as f:
        for i in range(200):
            f.write(("hr= 0x 20xx-xx-06 -12 NTSTATUS_FROM_WIN32( &quot; " * (K64 // 50))[:K64] + "\n")


MEASURE = """
import resource, subprocess, sys, time
start = time.monotonic()
p = subprocess.run([sys.argv[1], "logs", "--json", sys.argv[2]], stdout=subprocess.DEVNULL)
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{time.monotonic() - start:.3f} {use.ru_utime + use.ru_stime:.3f} {use.ru_maxrss} {p.returncode}")
"""

CASES = [
    ("CBS.log", "2 M distinct failure codes in one session", distinct_codes),
    ("ReportingEvents.log", "4,096 long distinct titles (UTF-16)", long_titles),
    ("hostile-markers/CBS.log", "ten 64 KB lines of [HRESULT = markers", marker_lines),
    ("junk.txt", "200 64 KB junk lines for the tolerant reader", junk_lines),
]

failed = False
for name, what, make in CASES:
    path = os.path.join(out_dir, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if not os.path.exists(path):
        make(path)
    # A fresh parent per case, so that its children's peak RSS is this run's alone.
    probe = subprocess.run([sys.executable, "-c", MEASURE, wufix, path], stdout=subprocess.PIPE, text=True)
    wall, cpu, rss_kb, rc = probe.stdout.split()
    wall, cpu, rss_mb, rc = float(wall), float(cpu), int(rss_kb) / 1024, int(rc)
    size_mb = os.path.getsize(path) / 1e6
    ok = rss_mb < 32 and rc in (0, 1)
    failed |= not ok
    print(f"{what:<46} {size_mb:7.1f} MB  cpu {cpu:6.2f} s  wall {wall:6.2f} s  "
          f"peak RSS {rss_mb:5.1f} MB  exit {rc}  {'ok' if ok else 'OVER'}")
sys.exit(1 if failed else 0)

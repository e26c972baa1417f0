#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Times two mdevctl binaries on the same command: median wall time and peak RSS.

Runs inside the mount namespace that bench/run.sh sets up, so both binaries
see the same /sys and /etc/mdevctl.d. Each run goes through bench/spawn (C),
which times it and reads its own child's peak RSS.
usage: measure.py SPAWN RUNS OURS REFERENCE ARGS...
"""
import statistics
import subprocess
import sys

SPAWN = sys.argv.pop(1)


def once(argv):
    done = subprocess.run([SPAWN] + argv, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{argv} failed")
    wall_ns, rss_kib = done.stdout.split()
    return int(wall_ns) / 1e9, int(rss_kib)


def main():
    runs, ours, reference, args = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
    results = {ours: [], reference: []}
    for binary in (ours, reference):
        once([binary] + args)  # warm the page cache
    for _ in range(runs):
        for binary in (ours, reference):
            results[binary].append(once([binary] + args))
    t_ours = statistics.median(r[0] for r in results[ours]) * 1000
    t_ref = statistics.median(r[0] for r in results[reference]) * 1000
    rss_ours = max(r[1] for r in results[ours]) / 1024
    rss_ref = max(r[1] for r in results[reference]) / 1024
    print(f"| {' '.join(args):32} | {t_ours:8.2f} | {t_ref:8.2f} | {t_ours / t_ref:5.2f}x "
          f"| {rss_ours:6.1f} | {rss_ref:6.1f} |")


main()

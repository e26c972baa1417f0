#!/usr/bin/env python3
"""Per-device cost of the call-out pipeline: times `define` and `start` of one
device with a no-op call-out and notifier present, for two binaries, undoing
each (untimed) with undefine/stop. Runs inside bench/callouts.sh's namespace.
usage: callout_pipeline.py SPAWN RUNS OURS REFERENCE PARENT TYPE
"""
import statistics
import subprocess
import sys
import uuid

spawn, runs, ours, reference, parent, mdev_type = sys.argv[1:7]
runs = int(runs)


def timed(argv):
    done = subprocess.run([spawn] + argv, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{argv} failed")
    return int(done.stdout.split()[0]) / 1e6


def untimed(argv):
    subprocess.run(argv, check=True, capture_output=True)


for command, undo in (("define", "undefine"), ("start", "stop")):
    times = {ours: [], reference: []}
    for _ in range(runs):
        for binary in (ours, reference):
            u = str(uuid.uuid4())
            args = [command, "-u", u] + (["-p", parent, "-t", mdev_type])
            times[binary].append(timed([binary] + args))
            untimed([binary, undo, "-u", u])
    t_ours, t_ref = statistics.median(times[ours]), statistics.median(times[reference])
    print(f"| {command:8} | {t_ours:7.2f} | {t_ref:7.2f} | {t_ours / t_ref:5.2f}x |")

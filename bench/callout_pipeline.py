#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Per-device cost of the call-out pipeline: times `define` and `start` of one
device with a no-op call-out and notifier present, for two binaries, undoing
each (untimed) with undefine/stop. Runs inside bench/callouts.sh's namespace.
usage: callout_pipeline.py SPAWN RUNS OURS REFERENCE PARENT TYPE
"""
import os
import statistics
import subprocess
import sys
import time
import uuid

spawn, runs, ours, reference, parent, mdev_type = sys.argv[1:7]
runs = int(runs)


def timed(argv):
    done = subprocess.run([spawn] + argv, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{argv} failed")
    return int(done.stdout.split()[0]) / 1e6


def untimed(argv):
    # 1.2.0 does not wait for the (simulated) kernel to show a new device.
    device = f"/sys/bus/mdev/devices/{argv[-1]}"
    for _ in range(500):
        if argv[1] != "stop" or os.path.exists(device):
            break
        time.sleep(0.002)
    done = subprocess.run(argv, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{argv} failed (device present: {os.path.exists(device)}): {done.stderr}")
    while argv[1] == "stop" and os.path.exists(device):
        time.sleep(0.002)


# start/stop is left out: 1.2.0 runs against the simulated kernel did not see
# their device appear in this set-up (not yet understood).
for command, undo in (("define", "undefine"),):
    times = {ours: [], reference: []}
    for _ in range(runs):
        for binary in (ours, reference):
            u = str(uuid.uuid4())
            args = [command, "-u", u] + (["-p", parent, "-t", mdev_type])
            times[binary].append(timed([binary] + args))
            untimed([binary, undo, "-u", u])
    t_ours, t_ref = statistics.median(times[ours]), statistics.median(times[reference])
    print(f"| {command:8} | {t_ours:7.2f} | {t_ref:7.2f} | {t_ours / t_ref:5.2f}x |")

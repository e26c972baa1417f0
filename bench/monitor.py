#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The monitor's figures for a closing note (root needed: unshare -m, uevents).

    bench/monitor.py build/src/mdevctl [/usr/bin/mdevctl] [--runs 3]

1. Cold plug of the W8 root of ../shared/bench (8 parents x 16 auto devices
   over 8 types, 8 per-type call-outs of 20 ms, a 20 ms notifier): one
   `mdevctl monitor` from its start to its last summary line, against
   Debian's mdevctl 1.2.0 run the way udev runs it (one start-parent-mdevs per
   parent, all at once, in a private mount namespace over the same tree).
   Medians over --runs, each on a fresh copy of the tree, and call-out counts.
2. Latency from a kernel event to the first `create` write: the monitor
   (--source kernel) watches a root whose parent is called `lo` and is not
   there yet; the parent appears, a real `add` uevent for lo is sent through
   /sys/class/net/lo/uevent, and the clock stops when the parent's `create`
   holds a UUID. Ten events, median and worst.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../shared/bench")
UDEV_STYLE = ('b=$1; shift; pids=; for p; do "$b" start-parent-mdevs "$p" & pids="$pids $!"; done; '
              'for x in $pids; do wait $x; done')


def mktree(root, *args):
    out = subprocess.run([sys.executable, os.path.join(BENCH, "mktree"), root, *args],
                         capture_output=True, text=True, check=True)
    return out.stdout


def w8_tree(root):
    mktree(root, "--parents", "8", "--types", "8", "--defined", "128", "--auto-frac", "1",
           "--attrs-frac", "0", "--dev-types", "spread", "--callout-scripts", "8",
           "--callout-ms", "20", "--notifier-ms", "20")


def parents_of(root):
    return sorted(p for p in os.listdir(os.path.join(root, "etc/mdevctl.d")) if p != "scripts.d")


def monitor_cold_plug(binary, root, log):
    env = dict(os.environ, MDEVCTL_ENV_ROOT=root, MDEVCTL_LOG="warn", BENCH_CALLOUT_LOG=log, LC_ALL="C")
    want = len(parents_of(root))
    start = time.monotonic()
    proc = subprocess.Popen([binary, "monitor", "--source", "kernel"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    summaries = 0
    for line in proc.stderr:
        if " started, " in line and " already running, " in line:
            summaries += 1
            if summaries == want:
                break
    took = time.monotonic() - start
    proc.terminate()
    proc.wait()
    return took


def udev_style(binary, root, log):
    parents = parents_of(root)
    script = (f'mount --bind {root}/sys /sys && mount --bind {root}/etc/mdevctl.d /etc/mdevctl.d && '
              f'exec sh -c \'{UDEV_STYLE}\' sh {binary} ' + " ".join(parents))
    env = dict(os.environ, BENCH_CALLOUT_LOG=log, LC_ALL="C")
    start = time.monotonic()
    subprocess.run(["unshare", "-m", "sh", "-c", script], env=env, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def count_lines(path):
    try:
        with open(path) as f:
            return sum(1 for _ in f)
    except FileNotFoundError:
        return 0


def cold_plug(ours, theirs, runs):
    with tempfile.TemporaryDirectory(prefix="mdevctl-monitor-bench-") as tmp:
        master = os.path.join(tmp, "master")
        w8_tree(master)
        results = {"monitor": [], "1.2.0 udev-style": []}
        calls = {}
        for i in range(runs + 1):  # the first of each warms up
            for name in (["monitor", "1.2.0 udev-style"] if i % 2 == 0 else ["1.2.0 udev-style", "monitor"]):
                if name != "monitor" and not theirs:
                    continue
                root = os.path.join(tmp, "root")
                shutil.rmtree(root, ignore_errors=True)
                shutil.copytree(master, root, symlinks=True)
                log = os.path.join(tmp, "callouts.log")
                if os.path.exists(log):
                    os.remove(log)
                took = monitor_cold_plug(ours, root, log) if name == "monitor" else udev_style(theirs, root, log)
                if i > 0:
                    results[name].append(took)
                calls[name] = count_lines(log)
        for name, times in results.items():
            if times:
                print(f"cold plug W8, {name}: median {statistics.median(times) * 1000:.0f} ms over {len(times)} runs "
                      f"({', '.join(f'{t * 1000:.0f}' for t in times)}), {calls[name]} call-out/notifier runs")
        if results["1.2.0 udev-style"]:
            print(f"ratio monitor / 1.2.0: {statistics.median(results['monitor']) / statistics.median(results['1.2.0 udev-style']):.3f}")


def latency(ours, events=10):
    with tempfile.TemporaryDirectory(prefix="mdevctl-monitor-latency-") as tmp:
        root = os.path.join(tmp, "root")
        mktree(root, "--parents", "1", "--types", "1", "--defined", "4", "--auto-frac", "1", "--attrs-frac", "0")
        src = parents_of(root)[0]
        os.rename(os.path.join(root, "etc/mdevctl.d", src), os.path.join(root, "etc/mdevctl.d/lo"))
        parked = os.path.join(tmp, "lo")
        os.rename(os.path.join(root, "sys/class/mdev_bus", src), parked)
        env = dict(os.environ, MDEVCTL_ENV_ROOT=root, MDEVCTL_LOG="info", LC_ALL="C")
        proc = subprocess.Popen([ours, "monitor", "--source", "kernel"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in proc.stderr:
            if "listening" in line:
                break
        os.set_blocking(proc.stderr.fileno(), False)
        parent = os.path.join(root, "sys/class/mdev_bus/lo")
        samples = []
        for _ in range(events):
            shutil.copytree(parked, parent, symlinks=True)
            types = os.path.join(parent, "mdev_supported_types")
            create = os.path.join(types, os.listdir(types)[0], "create")
            start = time.monotonic()
            with open("/sys/class/net/lo/uevent", "w") as f:
                f.write("add")
            while True:  # the first write; later ones overwrite it with their UUIDs
                with open(create) as f:
                    if f.read().strip():
                        break
                if time.monotonic() - start > 10:
                    raise SystemExit("no create within 10 s")
            samples.append(time.monotonic() - start)
            time.sleep(0.3)  # let the pass finish
            with open("/sys/class/net/lo/uevent", "w") as f:
                f.write("remove")  # the monitor forgets the parent
            time.sleep(0.1)
            shutil.rmtree(parent)
        proc.terminate()
        proc.wait()
        print(f"latency kernel event -> first create write: median {statistics.median(samples) * 1000:.2f} ms, "
              f"worst {max(samples) * 1000:.2f} ms over {len(samples)} events")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mdevctl")
    ap.add_argument("reference", nargs="?", default="/usr/bin/mdevctl")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    ours = os.path.abspath(a.mdevctl)
    theirs = a.reference if os.access(a.reference, os.X_OK) else None
    if a.runs > 0:
        cold_plug(ours, theirs, a.runs)
    latency(ours)


if __name__ == "__main__":
    main()

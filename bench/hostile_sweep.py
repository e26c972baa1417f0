#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Hostile inputs against a built mdevctl, for the figures of a closing note.

    bench/hostile_sweep.py build/src/mdevctl

Every case runs on a fresh passive root (one parent, one type, one
definition). A refused command must exit non-zero with exactly one line on
stderr and leave the root byte for byte as it was; `list` must exit 0 and
still list the good definition. Prints one line per failing case and a
count of cases tried and held.
"""
import atexit
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

P, T = "0000:00:03.0", "arbitrary_type"
U = "976d8cc2-4bfc-43b9-b9f9-f4af2de91ab9"
U2 = "59e8b599-afdd-4766-a59e-415ef4f5a492"
GOOD = '{"mdev_type":"%s","start":"auto"}' % T


def make_root(tmp):
    types = os.path.join(tmp, "sys/class/mdev_bus", P, "mdev_supported_types", T)
    os.makedirs(types)
    for name, text in (("available_instances", "1\n"), ("device_api", "vfio-pci\n"), ("name", "\n")):
        with open(os.path.join(types, name), "w") as f:
            f.write(text)
    os.makedirs(os.path.join(tmp, "sys/bus/mdev/devices"))
    os.makedirs(os.path.join(tmp, "etc/mdevctl.d", P))
    with open(os.path.join(tmp, "etc/mdevctl.d", P, U), "w") as f:
        f.write(GOOD)


def snapshot(root):
    out = {}
    for base, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(base, name)
            if os.path.islink(path):
                out[path] = "link:" + os.readlink(path)
            elif os.path.isfile(path) and not name.endswith(".json-in"):
                with open(path, "rb") as f:
                    out[path] = hashlib.sha1(f.read()).hexdigest()
            else:
                out[path] = "dir" if os.path.isdir(path) else "other"
    return out


def bad_names():
    yield from ["/etc/shadow", "../../x", "..", ".", "a/b", "", "a\nb", "a\x1bb", "a\x7f",
                "\xff".encode("latin1").decode("utf-8", "surrogateescape"), "x" * 256, "a\tb"]


def bad_json():
    yield "[" * 60000
    yield "{" * 200 + "}" * 200
    yield '{"mdev_type":"%s","start":"auto","n":1e999}' % T
    yield '{"mdev_type":"%s","start":"maybe"}' % T
    yield '{"mdev_type":123,"start":"auto"}'
    yield '{"mdev_type":"","start":"auto"}'
    yield '{"mdev_type":"%s","start":"auto","attrs":{"a":"b"}}' % T
    yield '{"mdev_type":"%s","start":"auto","attrs":[{"a":1}]}' % T
    yield '{"mdev_type":"%s","start":"auto","attrs":[{"a":"b","c":"d"}]}' % T
    yield '{"mdev_type":"' + "a" * 500000 + '\x01"}'
    yield "\x00\x01\x02"
    yield '{"mdev_type":"%s","start":"auto"' % T
    yield '{"mdev_type":"%s","start":"auto","attrs":[{}]}' % T
    yield '{"mdev_type":"%s","start":"auto","attrs":[{"a":"x\\u0000y"}]}' % T
    for name in bad_names():
        yield '{"mdev_type":"%s","start":"auto","attrs":[{"%s":"1"}]}' % (T, name.replace('"', ""))
        yield '{"mdev_type":"%s","start":"auto"}' % name.replace('"', "")


def write(root, relative, text):
    path = os.path.join(root, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def hostile_sysfs():
    """(description, argv, setup): sysfs as a hostile or broken driver might lay it out."""
    type_dir = os.path.join("sys/class/mdev_bus", P, "mdev_supported_types", T)
    for count in ["-5", "x", "", "18446744073709551616"]:
        yield ("available_instances %r" % count, ["start", "-u", U],
               lambda root, c=count: write(root, os.path.join(type_dir, "available_instances"), c + "\n"))

    def bus_link_outside(root):
        outside = tempfile.mkdtemp()
        atexit.register(shutil.rmtree, outside, True)
        write(outside, "remove", "")
        os.symlink(outside, os.path.join(root, "sys/bus/mdev/devices", U2))
    yield ("a bus link out of the root", ["stop", "-u", U2], bus_link_outside)


def cases():
    """(description, argv, stdin file contents or None, kind[, setup]); kind: refuse | list |
    quiet | fullout | listbad; setup(root) changes the root first"""
    for what, argv, setup in hostile_sysfs():
        yield (what, argv, None, "refuse", setup)
    # Under 1 MiB as it comes, over it as a definition is written (pretty-printed).
    big = '{"mdev_type":"%s","start":"auto","attrs":[%s]}' % (T, ",".join(['{"a":"x"}'] * 99000))
    yield ("define --jsonfile (written > 1 MiB)", ["define", "-u", U2, "-p", P, "--jsonfile", "@IN"], big, "refuse")
    yield ("modify --jsonfile (written > 1 MiB)", ["modify", "-u", U, "--jsonfile", "@IN"], big, "refuse")
    yield ("define -p .hidden", ["define", "-u", U2, "-p", ".hidden", "-t", T], None, "refuse")
    for command in (["list", "-d"], ["types"], ["define", "-p", P, "-t", T], ["--version"]):
        yield ("stdout on /dev/full", command, None, "fullout")
    yield ("an upper-case config file name", ["list", "-d"], None, "listbad",
           lambda root: write(root, os.path.join("etc/mdevctl.d", P, U2.upper()), GOOD))
    yield ("a parent name not UTF-8", ["list", "-d"], None, "listbad",
           lambda root: write(root, os.path.join(b"etc/mdevctl.d/p\xff".decode("utf-8", "surrogateescape"), U2), GOOD))
    for name in bad_names():
        yield ("define -p", ["define", "-u", U2, "-p", name, "-t", T], None, "refuse")
        yield ("define -t", ["define", "-u", U2, "-p", P, "-t", name], None, "refuse")
        yield ("start -p", ["start", "-u", U2, "-p", name, "-t", T], None, "refuse")
        yield ("modify --addattr", ["modify", "-u", U, "--addattr", name, "--value", "1"], None, "refuse")
        yield ("modify -t", ["modify", "-u", U, "-t", name], None, "refuse")
        yield ("undefine -p", ["undefine", "-u", U, "-p", name], None, "refuse")
        yield ("list -p", ["list", "-d", "-p", name], None, "quiet")
    for value in ["\udcff", "a\udcc3", "\udcc0\udc80"]:
        yield ("modify --value", ["modify", "-u", U, "--addattr", "a", "--value", value], None, "refuse")
    for text in bad_json():
        for command in ("define", "start"):
            yield ("%s --jsonfile" % command, [command, "-u", U2, "-p", P, "--jsonfile", "@IN"], text, "refuse")
        yield ("modify --jsonfile", ["modify", "-u", U, "--jsonfile", "@IN"], text, "refuse")
        yield ("config file", ["list", "-d"], text, "list")
    for index in ["", "x", "-1", "99", "1.5", "99999999999999999999"]:
        yield ("modify -i", ["modify", "-u", U, "--delattr", "-i", index], None, "refuse")
    for seconds in ["nan", "1e300", "-1", "0", "inf"]:
        yield ("--callout-timeout", ["--callout-timeout", seconds, "list"], None, "refuse")
    for uuid in ["", "x", U + "0", U.upper().replace("-", ""), "../" + U, U + "\n", U + "\x1b[2J"]:
        for command in ("start", "stop", "undefine"):
            yield ("%s -u" % command, [command, "-u", uuid], None, "refuse")


def run_case(binary, case):
    what, argv, text, kind = case[:4]
    with tempfile.TemporaryDirectory() as tmp:
        make_root(tmp)
        if len(case) > 4:
            case[4](tmp)
        if text is not None:
            path = os.path.join(tmp, "in.json-in")
            if kind == "list":
                path = os.path.join(tmp, "etc/mdevctl.d", P, U2)
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(text)
            argv = [path if a == "@IN" else a for a in argv]
        before = snapshot(tmp)
        env = {"MDEVCTL_ENV_ROOT": tmp, "PATH": "/usr/bin:/bin"}
        args = [os.fsencode(a) if isinstance(a, str) else a for a in argv]
        try:
            if kind == "fullout":
                with open("/dev/full", "wb") as full:
                    run = subprocess.run([binary] + args, env=env, stdout=full, stderr=subprocess.PIPE,
                                         timeout=30)
            else:
                run = subprocess.run([binary] + args, env=env, capture_output=True, timeout=30)
        except subprocess.TimeoutExpired:
            return "hung"
        after = snapshot(tmp)
        err_lines = run.stderr.decode("utf-8", "replace").splitlines()
        if kind == "refuse":
            if run.returncode == 0:
                return "accepted (exit 0)"
            if len(err_lines) != 1:
                return "%d error lines" % len(err_lines)
            if max(len(l) for l in err_lines) > 1024:
                return "error line of %d bytes" % max(len(l) for l in err_lines)
            if before != after:
                return "root changed"
        elif kind == "list":
            if run.returncode != 0:
                return "list failed: %s" % err_lines[:1]
            if not run.stdout.decode().startswith(U):
                return "good definition not listed"
            if any(len(l) > 1024 for l in err_lines):
                return "warning line too long"
        elif kind == "fullout":
            if run.returncode == 0:
                return "exit 0 with its output lost"
            if len(err_lines) != 1:
                return "%d error lines" % len(err_lines)
        elif kind == "listbad":
            if run.returncode != 0:
                return "list failed: %s" % err_lines[:1]
            try:
                out = run.stdout.decode("utf-8", "strict")
            except UnicodeDecodeError:
                return "stdout is not UTF-8"
            if out != "%s %s %s auto\n" % (U, P, T):
                return "listed %r" % out[:200]
            if not err_lines or any("\ufffd" in l for l in err_lines):
                return "no warning, or one with raw bytes"
        elif kind == "quiet":
            if run.returncode not in (0, 1) or before != after:
                return "list -p misbehaved"
        if run.returncode < 0:
            return "killed by signal %d" % -run.returncode
    return None


def main():
    binary = os.path.abspath(sys.argv[1])
    tried = held = 0
    for case in cases():
        tried += 1
        problem = run_case(binary, case)
        if problem:
            print("FAIL %s %r: %s" % (case[0], case[1][:6], problem))
        else:
            held += 1
    print("hostile inputs: %d tried, %d held (refused cleanly, root unchanged)" % (tried, held))
    return 0 if tried == held else 1


if __name__ == "__main__":
    sys.exit(main())

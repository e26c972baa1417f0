#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Sets up, builds, and shows mdevctl at work on a bundled example root (an
# s390 vfio-ap host, tests/fixtures/sysfs/vfio-ap) with a simulated kernel,
# so it runs on a machine without mdev hardware.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh build >/dev/null

root=$(mktemp -d)
trap 'kill $sim 2>/dev/null; rm -rf "$root"' EXIT
cp -a tests/fixtures/sysfs/vfio-ap/. "$root"
mkdir -p "$root/sys/bus/mdev/devices"
export MDEVCTL_ENV_ROOT=$root
exec 3< <(build/tests/mdev-simkernel "$root")
sim=$!
read -r _ <&3  # "ready"

run() { printf '\n$ mdevctl %s\n' "$*"; build/src/mdevctl "$@"; }
run types
run list
uuid=$(build/src/mdevctl define -p matrix -t vfio_ap-passthrough)
printf '\n$ mdevctl define -p matrix -t vfio_ap-passthrough\n%s\n' "$uuid"
run modify -u "$uuid" --addattr=assign_adapter --value=5
run modify -u "$uuid" --addattr=assign_domain --value=0xab
run modify -u "$uuid" --auto
run list -dv
run start -u "$uuid"
run list -v
run stop -u "$uuid"
# The simulated kernel removes the device a moment after the write; the real one during it.
for _ in $(seq 500); do [ -e "$root/sys/bus/mdev/devices/$uuid" ] || break; sleep 0.01; done
run list

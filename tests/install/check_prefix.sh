#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Configures (without building) with another prefix, as NixOS and /usr/local
# installs do, and checks that every path follows it: the binary's compiled-in
# script dir, the rule's and the unit's binary, the install destinations.
#   tests/install/check_prefix.sh SOURCE_DIR
set -euo pipefail
src=$(cd "$1" && pwd)
source "$(dirname "$0")/lib.sh"

cmake -S "$src" -B "$scratch" -DCMAKE_INSTALL_PREFIX=/opt/mdev -DMDEVCTL_SYSCONFDIR=/opt/mdev/etc \
  -DMDEVCTL_UDEV_DIR=/opt/mdev/lib/udev -DMDEVCTL_SYSTEMD_UNIT_DIR=/opt/mdev/lib/systemd/system >/dev/null
paths=$scratch/generated/io/install_paths.h
grep -q 'kScriptsDir = "opt/mdev/lib/mdevctl/scripts.d"' "$paths" || fail "scripts dir: $(grep kScriptsDir "$paths")"
grep -q 'kConfigDir = "opt/mdev/etc/mdevctl.d"' "$paths" || fail "config dir: $(grep kConfigDir "$paths")"
grep -q 'kSeedDir = "opt/mdev/etc/mdevctl"' "$paths" || fail "seed dir: $(grep kSeedDir "$paths")"
grep -qx 'RUN+="/opt/mdev/bin/mdevctl start-parent-mdevs $kernel"' "$scratch/generated/60-mdevctl.rules" ||
  fail "rule: $(grep 'RUN+="/opt' "$scratch/generated/60-mdevctl.rules")"
grep -q 'TEST!="/opt/mdev/etc/mdevctl.d/$kernel"' "$scratch/generated/60-mdevctl.rules" || fail "rule's config dir"
grep -qx 'ExecStart=/opt/mdev/bin/mdevctl start-parent-mdevs %i' "$scratch/generated/mdevctl-autostart@.service" ||
  fail "unit: $(grep ExecStart "$scratch/generated/mdevctl-autostart@.service")"
# Every absolute install destination lies under the prefix.
count=$(grep -c 'DESTINATION "' "$scratch"/cmake_install.cmake)
[ "$count" -ge 10 ] || fail "only $count install destinations found: the check reads the wrong file"
outside=$(grep -ho 'DESTINATION "[^"]*"' "$scratch"/cmake_install.cmake |
          grep -v '"/opt/mdev\|"${CMAKE_INSTALL_PREFIX}' || true)
[ -z "$outside" ] || fail "installed outside the prefix: $outside"
[ $status -eq 0 ] && echo "prefix /opt/mdev: every path follows it"
exit $status

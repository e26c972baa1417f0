#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Installs what building and testing mdevctl needs on Debian 12 or 13.
#   scripts/setup.sh                 the build and test tiers 1-3
#   scripts/setup.sh --kernel-tier   also tiers 4 and 5 (Debian's kernel under
#                                    qemu; a Debian host image made by mmdebstrap)
set -euo pipefail
packages=(g++ cmake make pkg-config libasio-dev nlohmann-json3-dev libudev-dev libsystemd-dev libcli11-dev
          catch2 uuid-dev libexpat1-dev python3 python3-docutils clang-format)
# Install, package, man page and completion tests; the fuzz targets (clang's
# libFuzzer). The Debian packages are built in clean chroots of their releases
# (mmdebstrap, which needs no recommends); the RPM with Debian's rpmbuild,
# twice (Fedora 41's layout, and 42's without its tests).
install_tests=(dpkg-dev debhelper lintian file strace groff-base man-db bash-completion zsh fish clang libclang-rt-dev
               rpm rpmlint rpm2cpio cpio)
chroots=(mmdebstrap)
# Tier 4 builds the kernel's mtty sample against the installed headers and
# boots the matching kernel image, which it downloads itself (not installed).
kernel_tier=(build-essential linux-headers-amd64 linux-source busybox-static cpio xz-utils)
# Without recommends: qemu's GUI, firmware and disk tools are not needed, nor
# mmdebstrap's helpers for modes other than root.
emulator=(qemu-system-x86 e2fsprogs)

sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
install() { DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null; }
$sudo apt-get update -qq
install "${packages[@]}" "${install_tests[@]}"
install --no-install-recommends "${chroots[@]}"
if [ "${1:-}" = --kernel-tier ]; then
  install "${kernel_tier[@]}"
  install --no-install-recommends "${emulator[@]}"
fi

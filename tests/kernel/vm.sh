#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Test tier 4: boots Debian's own kernel under qemu with the kernel's sample
# mediated-device driver mtty and runs the scenarios in tests/kernel/scenarios
# against it with the given mdevctl binary.
#
#   tests/kernel/vm.sh MDEVCTL_BINARY WORK_DIR [SCENARIO...]
#
# The udev rule is the one the build generated (MDEVCTL_UDEV_RULE, default
# build/generated/60-mdevctl.rules beside the binary's build dir); mdevctl goes
# where that rule runs it.
# WORK_DIR caches the kernel image, its modules, udevd and the built mtty.ko between
# runs. Each run leaves WORK_DIR/results.log (what the scenarios printed,
# "=== end NAME PASS|FAIL" after each) and WORK_DIR/console.log (the kernel's
# serial console). Exits 0 when the VM ran every scenario to the end, whatever
# their results: tests/kernel/result.sh turns one scenario's lines into a test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mdevctl=$(realpath "$1")
work=$(mkdir -p "$2" && cd "$2" && pwd)
shift 2
only="$*"
rule=${MDEVCTL_UDEV_RULE:-$(dirname "$mdevctl")/../generated/60-mdevctl.rules}
[ -f "$rule" ] || { echo "kernel tier: no udev rule at $rule" >&2; exit 1; }
installed=$(sed -n 's/^RUN+="\([^ ]*\) start-parent-mdevs.*/\1/p' "$rule")

die() { echo "kernel tier: $*" >&2; exit 1; }
source "$here/vm_host.sh"
require_vm_tools make dpkg-deb

kernel=$work/kernel-$abi
# The SR-IOV scenario's PF is QEMU's NVMe controller with VFs: its driver and
# what that needs, in load order (the guest has no modprobe). The generic
# crc modules come first: the crc libraries look their algorithms up when
# they load.
sriov_modules="crypto/crct10dif_common crypto/crct10dif_generic lib/crc-t10dif lib/crc64
  crypto/crc64_rocksoft_generic lib/crc64-rocksoft block/t10-pi drivers/nvme/host/nvme-core
  drivers/nvme/host/nvme"

# Downloaded and unpacked, never installed: this machine's own kernel and
# udev stay as they are. Prints the folder it unpacked PACKAGE into.
unpack_package() {
  local package=$1 tmp
  tmp=$(mktemp -d "$work/fetch.XXXXXX")
  (cd "$tmp" && apt-get download -qq "$package" >/dev/null 2>&1) || true
  dpkg-deb -x "$tmp/${package}"_*.deb "$tmp/root" || die "could not download $package"
  echo "$tmp"
}

fetch_kernel() {
  [ -f "$kernel/vmlinuz" ] && [ -f "$kernel/modules/sriov/order" ] && return
  local tmp module
  tmp=$(unpack_package "linux-image-$abi")
  mkdir -p "$kernel/modules/sriov"
  local mods=$tmp/root/lib/modules/$abi/kernel/drivers/vfio
  cp "$mods/vfio.ko" "$mods/vfio_iommu_type1.ko" "$mods/mdev/mdev.ko" "$kernel/modules/"
  : >"$kernel/modules/sriov/order"
  for module in $sriov_modules; do
    cp "$tmp/root/lib/modules/$abi/kernel/$module.ko" "$kernel/modules/sriov/" ||
      die "$module.ko is not in linux-image-$abi"
    echo "${module##*/}.ko" >>"$kernel/modules/sriov/order"
  done
  cp "$tmp/root/boot/vmlinuz-$abi" "$kernel/vmlinuz"
  rm -rf "$tmp"
}

# Debian's udevd, so that our udev rule meets the kernel's real events.
fetch_udev() {
  [ -x "$work/udevadm" ] && return
  local tmp
  tmp=$(unpack_package udev)
  cp "$tmp/root/bin/udevadm" "$work/udevadm"
  rm -rf "$tmp"
}

build_mtty() {
  [ -f "$kernel/modules/mtty.ko" ] && return
  "$here/build_mtty.sh" "$headers" "$kernel/modules/mtty.ko" || die "mtty.ko did not build"
}

# copy_with_libraries FILE DEST: FILE to DEST inside the initramfs, with
# what the dynamic loader needs for it (a sanitizer build is not static).
copy_with_libraries() {
  local staging=$work/initramfs needs lib
  mkdir -p "$staging$(dirname "$2")"
  cp "$1" "$staging$2"
  needs=$(ldd "$1" 2>/dev/null || true)
  if grep -q 'not found' <<<"$needs"; then die "$1 needs libraries this machine lacks"; fi
  for lib in $(grep -o '/[^ ]*' <<<"$needs"); do
    mkdir -p "$staging$(dirname "$lib")"
    cp -L "$lib" "$staging$lib"
  done
}

# mdevctl where the udev rule runs it, busybox for everything else.
make_initramfs() {
  local staging=$work/initramfs
  rm -rf "$staging"
  mkdir -p "$staging"/{bin,usr/bin,usr/sbin,lib/systemd,proc,sys,dev,tmp,run,etc/udev/rules.d,modules,scenarios}
  mkdir -p "$staging$(dirname "$installed")"
  cp "$busybox" "$staging/bin/busybox"
  copy_with_libraries "$mdevctl" "$installed"
  # `mdevctl monitor` runs the program beside it.
  copy_with_libraries "$(dirname "$mdevctl")/mdevctl-monitor" "$(dirname "$installed")/mdevctl-monitor"
  ln -s mdevctl "$staging$(dirname "$installed")/lsmdev"
  copy_with_libraries "$work/udevadm" /bin/udevadm
  ln -s /bin/udevadm "$staging/lib/systemd/systemd-udevd"
  cp "$rule" "$staging/etc/udev/rules.d/"
  cp "$kernel"/modules/*.ko "$staging/modules/"
  cp -r "$kernel/modules/sriov" "$staging/modules/"
  cp "$here/guest/init" "$staging/init"
  cp "$here/guest/lib.sh" "$staging/lib.sh"
  cp "$here"/scenarios/*.sh "$staging/scenarios/"
  chmod +x "$staging/init"
  (cd "$staging" && find . | cpio -o -H newc --quiet) >"$work/initramfs.cpio"
}

fetch_kernel
fetch_udev
build_mtty
make_initramfs

rm -f "$work/results.log" "$work/console.log"
# TCG: KVM is not usable on these machines. The scenarios' lines go to a
# second serial port, so that kernel messages cannot break them up. q35 for
# PCI Express, where SR-IOV lives: the NVMe PF sits behind a root port at
# 0000:01:00.0 and can have 4 VFs (each needs 2 of the flexible queues and
# one interrupt).
status=0
timeout 900 qemu-system-x86_64 -machine q35,accel=tcg -cpu max -smp 1 -m 1024 -no-reboot \
  -display none -monitor none -serial file:"$work/console.log" \
  -device pcie-root-port,id=port1,chassis=1,slot=1 -device nvme-subsys,id=nvme-subsystem \
  -device nvme,bus=port1,serial=mdevctl-sriov,subsys=nvme-subsystem,sriov_max_vfs=4,sriov_vq_flexible=8,sriov_vi_flexible=4 \
  -kernel "$kernel/vmlinuz" -initrd "$work/initramfs.cpio" \
  -append "console=ttyS0 panic=-1 loglevel=4 ktest_only=${only// /,}" \
  -chardev file,id=results,path="$work/results.log" -device isa-serial,chardev=results \
  </dev/null >"$work/qemu.log" 2>&1 || status=$?
sed -i 's/\r$//' "$work/results.log" "$work/console.log" 2>/dev/null || true

if ! grep -qx '=== done' "$work/results.log" 2>/dev/null; then
  echo "kernel tier: the VM stopped before the scenarios finished (qemu status $status); console:" >&2
  tail -n 40 "$work/qemu.log" "$work/console.log" >&2
  exit 1
fi
grep '^=== end ' "$work/results.log"

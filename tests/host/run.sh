#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Test tier 5: a real host. An image of one Debian release (12 or 13) with
# systemd as PID 1, made by mmdebstrap from the archive apt uses, with that
# release's libvirt and Debian's own mdevctl in it (1.2.0 on 12, 1.4.0 on 13),
# booted under qemu (TCG) with that release's kernel and the kernel's mtty
# sample built for it. The first boot installs PACKAGE with dpkg -i over
# Debian's mdevctl (the path on which a package that names the udev rule
# differently from the one it replaces loses it on a merged /usr) and drives
# it through libvirt; the second (a fresh qemu on the same disk) checks the
# reboot, the monitor's unit, removal and reinstall, then puts Debian's
# mdevctl back and installs ours over it with apt. The guest's checks
# (tests/host/guest) come back on a second serial port; this prints them,
# then "N passed, N failed".
#
#   tests/host/run.sh RELEASE PACKAGE.deb WORK_DIR
#   tests/host/run.sh --base-only RELEASE WORK_DIR   only the base image
#
# The kernel, its headers and mtty come from the release's build chroot that
# `scripts/package.sh RELEASE` left in build-chroots/ (a module must be built
# by the compiler of its kernel: gcc 14 for Debian 13's). WORK_DIR keeps the
# base image (base.tar), the kernel and mtty.ko between runs; each run leaves
# WORK_DIR/stageN.log (the checks) and console-N.log.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
base_only=0
if [ "$1" = --base-only ]; then
  base_only=1
  set -- "$2" "" "$3"
fi
release=$1
work=$(mkdir -p "$3" && cd "$3" && pwd)

die() { echo "host tier ($release): $*" >&2; exit 1; }
source "$here/../kernel/vm_host.sh"
source "$repo/scripts/release_chroot.sh"
require_vm_tools mmdebstrap mke2fs depmod xz

# The packages of the host: systemd and udev, libvirt as Debian ships it,
# man-db, and Debian's mdevctl, which ours must replace.
packages=systemd-sysv,udev,dbus,kmod,procps,passwd,man-db,libvirt-daemon-system,libvirt-clients,mdevctl
base=$work/base.tar
timer() { echo "$SECONDS"; }
elapsed() { echo $((SECONDS - $1)); }

make_base() {
  local start
  start=$(timer)
  release_image "$release" "$base" "$packages" apt
  echo "host tier: base image in $(elapsed "$start") s (cached in $base)"
}

# In the release's build chroot: its kernel headers and sources build mtty.ko,
# and apt fetches the matching kernel image and Debian's mdevctl (to put back
# at the end).
fetch_kernel_and_mtty() {
  [ -f "$work/mtty.ko" ] && [ -f "$work/abi" ] && [ -f "$work/linux-image-$(cat "$work/abi").deb" ] && return
  local start
  start=$(timer)
  mkdir -p "$toolchain/build/host-tier"
  cp "$here/../kernel/build_mtty.sh" "$toolchain/build/host-tier/"
  in_release "$toolchain" /bin/sh -ec '
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-headers-amd64 linux-source xz-utils >/dev/null
    abi=$(dpkg-query -W -f="\${Depends}" linux-headers-amd64 | sed -n "s/^linux-headers-\([^ ,]*\).*/\1/p")
    cd /build/host-tier
    rm -f ./*.deb
    apt-get download -qq "linux-image-$abi" mdevctl >/dev/null
    ./build_mtty.sh "/usr/src/linux-headers-$abi" mtty.ko
    echo "$abi" >abi
  ' || die "the kernel or mtty.ko could not be had"
  abi=$(cat "$toolchain/build/host-tier/abi")
  cp "$toolchain/build/host-tier/mtty.ko" "$work/mtty.ko"
  cp "$toolchain"/build/host-tier/linux-image-*.deb "$work/linux-image-$abi.deb"
  cp "$toolchain"/build/host-tier/mdevctl_*.deb "$work/mdevctl-debian.deb"
  echo "$abi" >"$work/abi"
  echo "host tier: kernel $abi and mtty.ko in $(elapsed "$start") s"
}

# make_upgrade DEB OUT: DEB again with a higher version (+upgrade1), for the
# upgrade check: its files are the same, its maintainer scripts run as an
# upgrade's do.
make_upgrade() {
  local tree=$work/upgrade
  rm -rf "$tree"
  dpkg-deb -R "$1" "$tree"
  sed -i 's/^Version: .*/&+upgrade1/' "$tree/DEBIAN/control"
  dpkg-deb -b --root-owner-group "$tree" "$2" >/dev/null
  rm -rf "$tree"
}

# The disk: the base image, the kernel's modules with mtty among them, the
# package to install, the guest's stages and a unit that runs them.
make_disk() {
  local root=$work/root start
  start=$(timer)
  rm -rf "$root"
  mkdir -p "$root"
  tar -xf "$base" -C "$root"
  # Into the merged /usr: /lib stays the link it is.
  dpkg-deb --fsys-tarfile "$work/linux-image-$abi.deb" | tar -x --keep-directory-symlink -C "$root"
  mkdir -p "$root/lib/modules/$abi/extra"
  cp "$work/mtty.ko" "$root/lib/modules/$abi/extra/"
  depmod -b "$root" "$abi"
  cp "$root/boot/vmlinuz-$abi" "$work/vmlinuz"
  echo "/dev/vda / ext4 rw 0 1" >"$root/etc/fstab"
  echo tier5 >"$root/etc/hostname"
  cp "$deb" "$root/root/mdevctl-cpp.deb"
  make_upgrade "$deb" "$root/root/mdevctl-cpp-upgrade.deb"
  cp "$work/mdevctl-debian.deb" "$root/root/mdevctl-debian.deb"
  mkdir -p "$root/root/tier5"
  cp "$here"/guest/*.sh "$root/root/tier5/"
  cp "$here/guest/tier5.service" "$root/etc/systemd/system/"
  ln -sf ../tier5.service "$root/etc/systemd/system/multi-user.target.wants/tier5.service"
  # Timers that would only take the emulated CPU from the checks.
  local unit
  for unit in apt-daily.timer apt-daily-upgrade.timer man-db.timer e2scrub_all.timer fstrim.timer \
              e2scrub_reap.service; do
    ln -sf /dev/null "$root/etc/systemd/system/$unit"
  done
  # libvirtd's debug log of every command it runs (behaviour.md section 10).
  cat >>"$root/etc/libvirt/libvirtd.conf" <<'CONF'
log_filters="1:util.command"
log_outputs="1:file:/var/log/libvirt/commands.log"
CONF
  chroot "$root" /usr/sbin/useradd -m tester
  rm -f "$work/disk.img"
  local size
  size=$(du -sm "$root" | cut -f1)
  mke2fs -q -F -t ext4 -d "$root" -L tier5 "$work/disk.img" "$((size + 768))M"
  echo "host tier: disk ($((size + 768)) MiB) in $(elapsed "$start") s"
  make_initramfs "$root"
  rm -rf "$root"
}

# A busybox initramfs that loads virtio and ext4 (with what modules.dep says
# they need, in order) and switches to the disk's systemd.
make_initramfs() {
  local root=$1 staging=$work/initramfs module dep
  rm -rf "$staging"
  mkdir -p "$staging"/{bin,proc,sys,dev,modules}
  cp "$busybox" "$staging/bin/busybox"
  cp "$here/initramfs-init" "$staging/init"
  local dir=$root/lib/modules/$abi order=()
  for module in virtio_pci virtio_blk crc32c_generic ext4; do
    local line
    # Built in (Debian 13 has virtio_pci in the kernel): nothing to load.
    grep -qE "(^|/)$module\.ko$" "$dir/modules.builtin" 2>/dev/null && continue
    line=$(grep -E "(^|/)$module\.ko(\.xz|\.zst)?:" "$dir/modules.dep") || die "no module $module"
    # modules.dep lists a module's dependencies, the last to be loaded first.
    local deps=(${line#*:})
    for ((i = ${#deps[@]} - 1; i >= 0; i--)); do order+=("${deps[i]}"); done
    order+=("${line%%:*}")
  done
  : >"$staging/modules/order"
  # Debian 13 compresses its modules; busybox's insmod wants them plain.
  for module in "${order[@]}"; do
    local name=${module##*/}
    name=${name%.xz}
    name=${name%.zst}
    grep -qx "$name" "$staging/modules/order" && continue
    case "$module" in
      *.xz) xz -dc "$dir/$module" >"$staging/modules/$name" ;;
      *.zst) zstd -qdc "$dir/$module" >"$staging/modules/$name" ;;
      *) cp "$dir/$module" "$staging/modules/" ;;
    esac
    echo "$name" >>"$staging/modules/order"
  done
  (cd "$staging" && find . | cpio -o -H newc --quiet) >"$work/initramfs.cpio"
}

# boot N: one boot that runs stage N; its checks land in WORK_DIR/stageN.log.
boot() {
  local stage=$1 start status=0
  start=$(timer)
  rm -f "$work/stage$stage.log"
  timeout 900 qemu-system-x86_64 -accel tcg,thread=single -cpu max -smp 2 -m 2048 \
    -no-reboot -display none -monitor none -nic none \
    -serial file:"$work/console-$stage.log" \
    -chardev file,id=results,path="$work/stage$stage.log" -device isa-serial,chardev=results \
    -drive file="$work/disk.img",format=raw,if=virtio \
    -kernel "$work/vmlinuz" -initrd "$work/initramfs.cpio" \
    -append "console=ttyS0 loglevel=4 panic=-1 tier5.stage=$stage" \
    </dev/null >"$work/qemu-$stage.log" 2>&1 || status=$?
  sed -i 's/\r$//' "$work/stage$stage.log" "$work/console-$stage.log" 2>/dev/null || true
  echo "host tier: boot $stage in $(elapsed "$start") s (qemu status $status)"
  cat "$work/stage$stage.log" 2>/dev/null || true
  if ! grep -qx "=== stage $stage done" "$work/stage$stage.log" 2>/dev/null; then
    echo "host tier: stage $stage did not finish; console:" >&2
    tail -n 60 "$work/console-$stage.log" >&2
    return 1
  fi
}

make_base
[ $base_only -eq 0 ] || exit 0
deb=$(realpath "$2")
toolchain=$repo/build-chroots/$release-build
[ -d "$toolchain/build" ] || die "no $toolchain: run scripts/package.sh $release first"
fetch_kernel_and_mtty
abi=$(cat "$work/abi")
make_disk
finished=0
boot 1 && boot 2 && finished=1
passed=$(cat "$work"/stage*.log 2>/dev/null | grep -c '^ok - ' || true)
failed=$(cat "$work"/stage*.log 2>/dev/null | grep -c '^not ok - ' || true)
[ $finished -eq 1 ] || failed=$((failed + 1))
echo "host ($release): $passed passed, $failed failed"
[ "$failed" -eq 0 ]

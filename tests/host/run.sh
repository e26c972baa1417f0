#!/bin/bash
# Test tier 5: a real host. A Debian 12 image with systemd as PID 1, made by
# mmdebstrap from the archive apt uses, with Debian's libvirt and Debian's own
# mdevctl in it, booted under qemu (TCG). The first boot installs PACKAGE
# with apt over Debian's mdevctl and drives it through libvirt; the second
# (a fresh qemu on the same disk) checks the reboot, the monitor's unit and
# removal. The guest's checks (tests/host/guest) come back on a second serial
# port; this prints them, then "N passed, N failed".
#
#   tests/host/run.sh PACKAGE.deb WORK_DIR
#
# WORK_DIR keeps the base image (base.tar), the kernel and mtty.ko between
# runs; each run leaves WORK_DIR/stageN.log (the checks) and console-N.log.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
deb=$(realpath "$1")
work=$(mkdir -p "$2" && cd "$2" && pwd)

die() { echo "host tier: $*" >&2; exit 1; }
source "$here/../kernel/vm_host.sh"
require_vm_tools mmdebstrap mke2fs depmod

# The packages of the host: systemd and udev, libvirt as Debian ships it,
# man-db, and Debian's mdevctl 1.2.0, which ours must replace.
packages=systemd-sysv,udev,dbus,kmod,procps,passwd,man-db,libvirt-daemon-system,libvirt-clients,mdevctl
base=$work/base.tar
stamp=$work/base.packages
timer() { echo "$SECONDS"; }
elapsed() { echo $((SECONDS - $1)); }

make_base() {
  [ -f "$base" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$packages" ] && return
  local sources
  # The archive apt uses here: its sources file, whatever the mirror.
  for sources in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list ""; do
    [ -z "$sources" ] || [ -s "$sources" ] && break
  done
  local start
  start=$(timer)
  mmdebstrap --quiet --format=tar --variant=apt --include="$packages" bookworm "$base.tmp" ${sources:+"$sources"} ||
    die "mmdebstrap failed"
  mv "$base.tmp" "$base"
  echo "$packages" >"$stamp"
  echo "host tier: base image in $(elapsed "$start") s"
}

fetch_kernel() {
  [ -f "$work/linux-image-$abi.deb" ] && return
  local tmp
  tmp=$(mktemp -d "$work/fetch.XXXXXX")
  (cd "$tmp" && apt-get download -qq "linux-image-$abi" >/dev/null 2>&1) || die "could not download linux-image-$abi"
  mv "$tmp"/linux-image-"$abi"_*.deb "$work/linux-image-$abi.deb"
  rm -rf "$tmp"
}

build_mtty() {
  [ -f "$work/mtty.ko" ] && return
  "$here/../kernel/build_mtty.sh" "$headers" "$work/mtty.ko" || die "mtty.ko did not build"
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
    line=$(grep -E "(^|/)$module\.ko:" "$dir/modules.dep") || die "no module $module"
    # modules.dep lists a module's dependencies, the last to be loaded first.
    local deps=(${line#*:})
    for ((i = ${#deps[@]} - 1; i >= 0; i--)); do order+=("${deps[i]}"); done
    order+=("${line%%:*}")
  done
  : >"$staging/modules/order"
  for module in "${order[@]}"; do
    grep -qx "${module##*/}" "$staging/modules/order" && continue
    cp "$dir/$module" "$staging/modules/"
    echo "${module##*/}" >>"$staging/modules/order"
  done
  (cd "$staging" && find . | cpio -o -H newc --quiet) >"$work/initramfs.cpio"
}

# boot N: one boot that runs stage N; its checks land in WORK_DIR/stageN.log.
boot() {
  local stage=$1 start status=0
  start=$(timer)
  rm -f "$work/stage$stage.log"
  timeout 900 qemu-system-x86_64 -accel tcg,thread=multi -cpu max -smp 2 -m 2048 \
    -no-reboot -display none -monitor none -nic none \
    -serial file:"$work/console-$stage.log" \
    -chardev file,id=results,path="$work/stage$stage.log" -device isa-serial,chardev=results \
    -drive file="$work/disk.img",format=raw,if=virtio \
    -kernel "$work/vmlinuz" -initrd "$work/initramfs.cpio" \
    -append "console=ttyS0 loglevel=4 tier5.stage=$stage" \
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
fetch_kernel
build_mtty
make_disk
finished=0
boot 1 && boot 2 && finished=1
passed=$(cat "$work"/stage*.log 2>/dev/null | grep -c '^ok - ' || true)
failed=$(cat "$work"/stage*.log 2>/dev/null | grep -c '^not ok - ' || true)
[ $finished -eq 1 ] || failed=$((failed + 1))
echo "host: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

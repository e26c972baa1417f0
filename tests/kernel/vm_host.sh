# SPDX-License-Identifier: LGPL-2.1-or-later
# Sourced by the tiers that boot a VM (tests/kernel/vm.sh, tests/host/run.sh)
# after they define die(): checks the tools they share and finds the kernel
# they boot, the one whose headers are installed (mtty.ko must match it).
#   require_vm_tools TOOL...   sets busybox, abi and headers
require_vm_tools() {
  local tool
  for tool in qemu-system-x86_64 cpio apt-get "$@"; do
    command -v "$tool" >/dev/null || die "$tool is missing (scripts/setup.sh --kernel-tier installs it)"
  done
  busybox=/bin/busybox
  [ -x "$busybox" ] && ! ldd "$busybox" >/dev/null 2>&1 || die "a static $busybox is missing (package busybox-static)"
  abi=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null | sed -n 's/^linux-headers-\([^ ,]*\).*/\1/p')
  [ -n "$abi" ] || die "linux-headers-amd64 is not installed"
  headers=/usr/src/linux-headers-$abi
  [ -d "$headers" ] || die "$headers is missing"
}

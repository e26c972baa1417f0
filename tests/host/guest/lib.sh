# SPDX-License-Identifier: LGPL-2.1-or-later
# What every stage of the real-host tier gets: checks that print one
# "ok - ..." or "not ok - ..." line each, sections that the host turns into
# results, and waiting with a deadline.
section_failures=0
current=""

pass() { echo "ok - $*"; }
fail() {
  echo "not ok - $*"
  section_failures=$((section_failures + 1))
}
# check WHAT COMMAND...: passes when COMMAND succeeds. What it prints goes
# to the log as comment lines.
check() {
  local what=$1 status
  shift
  hash -r  # packages come and go: /usr/sbin/mdevctl may have gone since
  "$@" >/tmp/check.out 2>&1 </dev/null
  status=$?
  sed '/^$/d; s/^/#   /' /tmp/check.out
  if [ $status -eq 0 ]; then pass "$what"; else fail "$what"; fi
}
# eventually SECONDS WHAT COMMAND...: passes once COMMAND succeeds, polling.
eventually() {
  local seconds=$1 what=$2 tries
  shift 2
  tries=$((seconds * 10))
  while ! "$@" >/dev/null 2>&1; do
    tries=$((tries - 1))
    if [ $tries -le 0 ]; then
      fail "$what (not within ${seconds} s)"
      return 1
    fi
    sleep 0.1
  done
  pass "$what"
}
section() {
  end_section
  current=$1
  section_failures=0
  echo "=== begin $current"
}
end_section() {
  [ -n "$current" ] || return 0
  if [ $section_failures -eq 0 ]; then echo "=== end $current PASS"; else echo "=== end $current FAIL"; fi
  current=""
}
# show WHAT COMMAND...: the command's output as comment lines, for the log.
show() {
  local what=$1
  shift
  hash -r
  echo "# $what:"
  "$@" 2>&1 | awk '{ print "#   " $0 }'  # awk ends every line, the last too
}

# Where this release keeps udev rules and units (DEP 17): /lib on Debian 12,
# /usr/lib after it; ours must be exactly there.
RELEASE=$(. /etc/os-release && echo "$VERSION_CODENAME")
case "$RELEASE" in
  bookworm) LIB=/lib ;;
  *) LIB=/usr/lib ;;
esac
RULE=$LIB/udev/rules.d/60-mdevctl.rules

# Facts about the mtty sample driver and the devices the stages use.
BUS=/sys/bus/mdev/devices
running() { [ -e "$BUS/$1" ]; }
not_running() { [ ! -e "$BUS/$1" ]; }
# The node-device name libvirt (9.0, 11.3) gives an mdev of mtty.
nodedev_of() { echo "mdev_$(echo "$1" | tr - _)_mtty"; }
listed_by_libvirt() { virsh nodedev-list --all --cap mdev | grep -qx "$(nodedev_of "$1")"; }
not_listed_by_libvirt() { ! listed_by_libvirt "$1"; }
stop_all_devices() {
  local dev
  for dev in "$BUS"/*; do [ -e "$dev" ] && mdevctl stop -u "${dev##*/}"; done
  return 0
}
# UUIDs fixed across boots: the second boot checks what the first defined.
AUTO=11111111-1111-4111-8111-000000000001
MANUAL=11111111-1111-4111-8111-000000000002
LIBVIRT_AUTO=11111111-1111-4111-8111-000000000003
LIBVIRT_DEF=11111111-1111-4111-8111-000000000004
LIBVIRT_TRANSIENT=11111111-1111-4111-8111-000000000005
DIRECT=11111111-1111-4111-8111-000000000006
HELD=11111111-1111-4111-8111-000000000007

# SPDX-License-Identifier: LGPL-2.1-or-later
# The boot chain's first step on a real kernel (behaviour.md 11.3): auto
# definitions on would-be VFs of an SR-IOV PF make mdevctl enable that many
# VFs when the PF binds or is cold plugged, through the udev rule and
# through the monitor; it never changes a count already set.
#
# The PF is QEMU's NVMe controller (vm.sh): the kernel's nvme driver enables
# VFs through sriov_numvfs, and real VFs appear with real uevents. Its VFs
# are no mdev parents, so their definitions are never started here; what
# the NVIDIA driver does with its VFs is the fake kernel's part.
PF=0000:01:00.0
PF_DIR=/sys/bus/pci/devices/$PF
NVME=/sys/bus/pci/drivers/nvme
VF0=0000:01:00.1
VF1=0000:01:00.2
VF2=0000:01:00.3
A1=00000000-0000-4000-8000-0000000000a1
A2=00000000-0000-4000-8000-0000000000a2
M1=00000000-0000-4000-8000-0000000000b1
# wait_until COMMAND...: up to 30 s.
wait_until() {
  for i in $(seq 150); do "$@" && return 0; sleep 0.2; done
  return 1
}
numvfs() { cat $PF_DIR/sriov_numvfs; }
vfs_are() { [ "$(numvfs)" = "$1" ]; }
# The VFs the kernel has now, by address.
vf_list() { ls -d $PF_DIR/virtfn* 2>/dev/null | while read -r l; do basename "$(readlink -f "$l")"; done | tr '\n' ' '; }
has() { grep -q "$2" "$1"; }
# Back to what a reboot leaves: the PF bound, no VFs.
disable_vfs() {
  echo 0 >$PF_DIR/sriov_numvfs
  vfs_are 0 || fail "sriov_numvfs back to 0"
}
rebind_pf() {
  echo $PF >$NVME/unbind
  echo $PF >$NVME/bind
}

check "the PF has 4 VFs to give, none enabled" [ "$(cat $PF_DIR/sriov_totalvfs) $(numvfs)" = "4 0" ]
check "and no driver yet" [ ! -e $PF_DIR/driver ]
# NVMe VFs need NVMe's virtualization commands before their controllers
# work: the nvme driver is kept off them, they stay plain PCI functions.
echo 0 >$PF_DIR/sriov_drivers_autoprobe

run define -u $A1 -p $VF0 -t mtty-1 --auto
run define -u $A2 -p $VF1 -t mtty-2 --auto
run define -u $M1 -p $VF2 -t mtty-1
run list -d -p $PF
expect "list -d -p PF shows the definitions of its would-be VFs" 0 \
  "$A1 $VF0 mtty-1 auto" "$A2 $VF1 mtty-2 auto" "$M1 $VF2 mtty-1 manual"

# 1. The udev rule, as at boot: the PF's driver loads and binds it.
/lib/systemd/systemd-udevd --daemon --debug 2>/tmp/udevd.log
udevadm control --ping --timeout=30 || fail "udevd did not start"
while read -r module; do insmod /modules/sriov/$module || fail "insmod $module"; done </modules/sriov/order
udevadm settle --timeout=60
check "udev: the PF bound to nvme" [ -e $NVME/$PF ]
check "udev: the rule's start-parent-mdevs enabled 2 VFs: up to the last auto definition" wait_until vfs_are 2
check "udev: the kernel made those two VFs" [ "$(vf_list)" = "$VF0 $VF1 " ]
grep -o "start-parent-mdevs $PF'(err) '[^']*'" /tmp/udevd.log | sed "s/.*(err) '\(.*\)'/\1/" >/tmp/runs
sed 's/^/# udev ran start-parent-mdevs: /' /tmp/runs
check "udev: and said so" grep -qx "$PF: SR-IOV enabled: 2 VF(s)" /tmp/runs

run start-parent-mdevs $PF
check "a second run succeeds ($status)" [ "$status" -eq 0 ]
check "and leaves the count as it is" vfs_are 2
disable_vfs
echo 3 >$PF_DIR/sriov_numvfs
run start-parent-mdevs $PF
check "a count someone else set (3) is never changed" vfs_are 3
run undefine -u $A1
run undefine -u $A2
check "removing the definitions leaves the VFs" [ "$(numvfs) $(vf_list)" = "3 $VF0 $VF1 $VF2 " ]
run define -u $A1 -p $VF0 -t mtty-1 --auto
run define -u $A2 -p $VF1 -t mtty-2 --auto

# 2. The udev rule when the PF is bound again (a driver reload).
disable_vfs
rebind_pf
udevadm settle --timeout=60
check "udev: a re-bind of the PF enables 2 VFs again" wait_until vfs_are 2
# 3. The udev rule at cold plug: the PF bound before udevd ran, and udevadm
# trigger replays its add.
disable_vfs
udevadm trigger --action=add $PF_DIR
udevadm settle --timeout=60
check "udev: cold plug's add of the bound PF enables 2 VFs" wait_until vfs_are 2
udevadm control --exit
disable_vfs

# 4. The monitor, without udevd: cold plug when it starts, then a re-bind.
events=/tmp/events.monitor
log=/tmp/monitor.log
MDEVCTL_LOG=info mdevctl monitor --events --source kernel >$events 2>$log &
monitor=$!
check "monitor: it listens" wait_until has $log "monitor: listening to kernel events"
check "monitor: its cold plug enabled 2 VFs" wait_until vfs_are 2
check "monitor: and reported it" wait_until has $events \
  "\"event\":\"sriov-enable\",\"uuid\":null,\"parent\":\"$PF\",.*\"result\":\"enabled\""
disable_vfs
rebind_pf
check "monitor: a re-bind of the PF enables 2 VFs again" wait_until vfs_are 2
enabled_reports() { [ "$(grep -c '"event":"sriov-enable".*"result":"enabled"' $events)" -eq 2 ]; }
check "monitor: and reported that too" wait_until enabled_reports
check "monitor: no enablement failed" [ -z "$(grep '"result":"failed"' $events)" ]
kill -TERM $monitor
wait $monitor
check "monitor: SIGTERM ends it with status 0 (status $?)" [ $? -eq 0 ]
sed "s/^/# monitor events: /" $events
sed "s/^/# monitor log: /" $log
disable_vfs

# SPDX-License-Identifier: LGPL-2.1-or-later
# Definitions exist before the driver loads; the udev rule starts every auto
# device when the parent registers; running start-parent-mdevs again is a no-op.
A1=00000000-0000-4000-8000-0000000000a1
A2=00000000-0000-4000-8000-0000000000a2
A3=00000000-0000-4000-8000-0000000000a3
M1=00000000-0000-4000-8000-0000000000b1
run define -u $A1 -p mtty -t mtty-1 --auto
run define -u $A2 -p mtty -t mtty-2 --auto
run define -u $A3 -p mtty -t mtty-1 --auto
run define -u $M1 -p mtty -t mtty-2
run list -d
expect "four definitions for a parent that is not there yet" 0 \
  "$A1 mtty mtty-1 auto" "$A2 mtty mtty-2 auto" "$A3 mtty mtty-1 auto" "$M1 mtty mtty-2 manual"

# udevd with udev/60-mdevctl.rules (and no other rule) meets the kernel's
# events; beside it, the raw events are recorded as the kernel sends them.
cat >/tmp/record <<'SCRIPT'
#!/bin/sh
echo "$SUBSYSTEM ${DEVPATH##*/} $ACTION${MDEV_STATE:+ MDEV_STATE=$MDEV_STATE}" >>/tmp/uevents
SCRIPT
chmod +x /tmp/record
uevent /tmp/record &
listener=$!
/lib/systemd/systemd-udevd --daemon --debug 2>/tmp/udevd.log
# It answers once its event loop runs, and so listens to the kernel.
udevadm control --ping --timeout=30 || fail "udevd did not start"
sleep 1
load_mtty
udevadm settle --timeout=60
# The listener handles one event at a time and may lag behind udevd.
for i in $(seq 50); do grep -qx "mdev $A3 bind" /tmp/uevents 2>/dev/null && break; sleep 0.2; done
kill $listener
udevadm control --exit

sed 's/^/# uevent: /' /tmp/uevents
check "the kernel announced the parent: add, then change MDEV_STATE=registered" \
  [ "$(sed -n 's/^mtty mtty //p' /tmp/uevents | tr '\n' ,)" = "add,change MDEV_STATE=registered," ]
for u in $A1 $A2 $A3; do
  check "and each device it started: add, then bind ($u)" \
    [ "$(sed -n "s/^mdev $u //p" /tmp/uevents | tr '\n' ,)" = "add,bind," ]
done
# What start-parent-mdevs said each time udevd ran it.
grep -o "start-parent-mdevs mtty'(err) '[^']*'" /tmp/udevd.log | sed "s/.*(err) '\(.*\)'/\1/" >/tmp/runs
sed 's/^/# udev ran start-parent-mdevs: /' /tmp/runs
runs=$(wc -l </tmp/runs)
check "the rule ran start-parent-mdevs for the parent's events only: add and change, not module, driver or class ($runs runs)" \
  [ "$runs" -ge 1 -a "$runs" -le 2 ]
check "the first run started all three" [ "$(head -n 1 /tmp/runs)" = "mtty: 3 started, 0 already running, 0 failed" ]
check "a later one found them running" \
  [ -z "$(sed 1d /tmp/runs | grep -vx 'mtty: 0 started, 3 already running, 0 failed')" ]
check "every auto device runs, the manual one does not" \
  [ "$(kernel_devices | tr '\n' ' ')" = "$A1 $A2 $A3 " ]
check "each running device has its defined type" \
  [ "$(basename "$(readlink -f $BUS/$A2/mdev_type)")" = mtty-2 ]
run list
expect "list shows them as defined" 0 \
  "$A1 mtty mtty-1 auto (defined)" "$A2 mtty mtty-2 auto (defined)" "$A3 mtty mtty-1 auto (defined)"

run start-parent-mdevs mtty
expect "a second run succeeds" 0
expect_stderr "and starts nothing" "mtty: 0 started, 3 already running, 0 failed"
check "the same three devices run" [ "$(kernel_devices | tr '\n' ' ')" = "$A1 $A2 $A3 " ]
check "and use 4 of 24 ports" [ "$(available mtty-1)" = 20 ]

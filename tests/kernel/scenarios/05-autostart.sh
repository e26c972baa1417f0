# Definitions exist before the driver loads; its registration event starts
# every auto device, the way the udev rule does; a second run is a no-op.
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

# What udev/60-mdevctl.rules does, for the raw kernel uevents: on a parent's
# `change` with MDEV_STATE=registered, if it has definitions, start them.
cat >/tmp/rule <<'SCRIPT'
#!/bin/sh
echo "$SUBSYSTEM ${DEVPATH##*/} $ACTION${MDEV_STATE:+ MDEV_STATE=$MDEV_STATE}" >>/tmp/uevents
[ "$SUBSYSTEM" = mdev ] && exit 0
if [ "$ACTION" = change ] && [ "$MDEV_STATE" = registered ] && [ -d "/etc/mdevctl.d/${DEVPATH##*/}" ]; then
  mdevctl start-parent-mdevs "${DEVPATH##*/}" >>/tmp/autostart.out 2>>/tmp/autostart.err
  echo "exit $?" >>/tmp/autostart.out
fi
SCRIPT
chmod +x /tmp/rule
uevent /tmp/rule &
listener=$!
sleep 1
load_mtty
# The listener handles one event at a time: the devices' own events queue
# up behind the registration while start-parent-mdevs runs.
for i in $(seq 100); do grep -qx "mdev $A3 bind" /tmp/uevents 2>/dev/null && break; sleep 0.2; done
kill $listener

sed 's/^/# uevent: /' /tmp/uevents
check "the kernel announced the parent: add, then change MDEV_STATE=registered" \
  [ "$(sed -n 's/^mtty mtty //p' /tmp/uevents | tr '\n' ,)" = "add,change MDEV_STATE=registered," ]
for u in $A1 $A2 $A3; do
  check "and each device it started: add, then bind ($u)" \
    [ "$(sed -n "s/^mdev $u //p" /tmp/uevents | tr '\n' ,)" = "add,bind," ]
done
check "the registration event ran start-parent-mdevs, which succeeded" grep -qx "exit 0" /tmp/autostart.out
check "every auto device runs, the manual one does not" \
  [ "$(kernel_devices | tr '\n' ' ')" = "$A1 $A2 $A3 " ]
expect_file "start-parent-mdevs summed up on stderr" /tmp/autostart.err \
  "mtty: 3 started, 0 already running, 0 failed"
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

# SPDX-License-Identifier: LGPL-2.1-or-later
# All 24 ports of mtty as 24 auto devices, started by udev when the driver
# loads, with an ap-check-like call-out: it takes a lock in pre and gives it
# back in post, as s390's ap-check does on behalf of mdevctl. Devices of one
# script never overlap pre -> create -> post, so it never finds the lock held;
# a slow notifier overlaps the rest.
dir=/usr/lib/mdevctl/scripts.d
mkdir -p $dir/callouts $dir/notifiers
cat >$dir/callouts/apcheck <<'SCRIPT'
#!/bin/sh
while [ $# -gt 1 ]; do
  case $1 in -e) e=$2 ;; -a) a=$2 ;; -u) u=$2 ;; esac
  shift 2
done
cat >/dev/null
case "$e/$a" in
  get/capabilities) exit 0 ;;
  pre/start)
    mkdir /tmp/apcheck.lock 2>/dev/null || { echo "$u" >>/tmp/apcheck.collisions; exit 1; }
    echo "$u" >>/tmp/apcheck.order ;;
  post/start) rmdir /tmp/apcheck.lock ;;
esac
exit 0
SCRIPT
cat >$dir/notifiers/slow <<'SCRIPT'
#!/bin/sh
cat >/dev/null
echo + >>/tmp/notes
sleep 0.3
echo - >>/tmp/notes
SCRIPT
chmod +x $dir/callouts/apcheck $dir/notifiers/slow

uuids=""
for n in $(seq 10 33); do
  u=00000000-0000-4000-8000-0000000000$n
  uuids="$uuids$u "
  run define -u $u -p mtty -t mtty-1 --auto
done
run list -d
check "24 auto definitions before the driver loads" [ "$(grep -c ' mtty mtty-1 auto$' $OUT)" = 24 ]

/lib/systemd/systemd-udevd --daemon 2>/dev/null
udevadm control --ping --timeout=30 || fail "udevd did not start"
started=$(date +%s)
load_mtty
udevadm settle --timeout=120
for i in $(seq 100); do [ "$(active_count)" = 24 ] && break; sleep 0.2; done
took=$(( $(date +%s) - started ))
udevadm control --exit

check "all 24 devices run (in ${took} s)" [ "$(kernel_devices | tr '\n' ' ')" = "$uuids" ]
check "and use all 24 ports" [ "$(available mtty-1)" = 0 ]
check "the call-out never found its lock held" [ ! -e /tmp/apcheck.collisions ]
check "its pre ran once per device, in UUID order" \
  [ "$(tr '\n' ' ' </tmp/apcheck.order)" = "$uuids" ]
check "the slow notifiers overlapped (one began before another ended)" \
  [ -n "$(tr -d '\n' </tmp/notes | grep -F ++)" ]
run start-parent-mdevs mtty
expect_stderr "a second run starts nothing" "mtty: 0 started, 24 already running, 0 failed"

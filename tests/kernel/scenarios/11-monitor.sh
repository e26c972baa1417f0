# SPDX-License-Identifier: LGPL-2.1-or-later
# mdevctl monitor, once with the kernel's own events and once with udevd's:
# it starts the auto devices when mtty loads and again after an unload and
# reload, reports what a plain `mdevctl start`/`stop` did, and exits 0 on
# SIGTERM. With udevd, the udev rule runs start-parent-mdevs as well: every
# device still starts once, and whoever comes second finds it running.
A1=00000000-0000-4000-8000-0000000000a1
A2=00000000-0000-4000-8000-0000000000a2
M1=00000000-0000-4000-8000-0000000000b1
run define -u $A1 -p mtty -t mtty-1 --auto
run define -u $A2 -p mtty -t mtty-2 --auto
run define -u $M1 -p mtty -t mtty-1
# wait_until COMMAND...: up to 30 s.
wait_until() {
  for i in $(seq 150); do "$@" && return 0; sleep 0.2; done
  return 1
}
has() { grep -q "$2" "$1"; }
autos_run() { [ "$(kernel_devices | tr '\n' ' ')" = "$A1 $A2 " ]; }
none_run() { [ "$(active_count)" = 0 ]; }
# Autostart lines for the two auto devices that found them started or running.
autostart_reported() {
  [ "$(grep -c '"event":"autostart".*"result":"\(started\|already running\)"' "$1")" -ge 2 ]
}

for source in kernel udev; do
  events=/tmp/events.$source
  log=/tmp/monitor.$source
  if [ $source = udev ]; then
    /lib/systemd/systemd-udevd --daemon 2>/dev/null
    udevadm control --ping --timeout=30 || fail "udevd did not start"
  fi
  MDEVCTL_LOG=info mdevctl monitor --events --source $source >$events 2>$log &
  monitor=$!
  check "$source: the monitor listens" wait_until has $log "monitor: listening to $source events"

  load_mtty
  check "$source: it started both auto devices when mtty loaded" wait_until autos_run
  check "$source: it saw the parent register" \
    wait_until has $events '"event":"parent-registered","uuid":null,"parent":"mtty"'
  check "$source: its autostart reported both (started, or running after the rule's)" \
    wait_until autostart_reported $events
  check "$source: no autostart failed" [ -z "$(grep '"result":"failed"' $events)" ]

  run start -u $M1
  check "$source: a plain start reports the device started" \
    wait_until has $events "\"event\":\"device-started\",\"uuid\":\"$M1\",\"parent\":\"mtty\",\"type\":\"mtty-1\""
  run stop -u $M1
  check "$source: and stopped" \
    wait_until has $events "\"event\":\"device-stopped\",\"uuid\":\"$M1\",\"parent\":\"mtty\",\"type\":\"mtty-1\""

  rmmod mtty
  check "$source: unloading mtty takes its devices" wait_until none_run
  check "$source: and the monitor saw the parent go" wait_until has $events '"event":"parent-removed"'
  load_mtty
  check "$source: after a reload it starts them again" wait_until autos_run
  sleep 1

  kill -TERM $monitor
  wait $monitor
  check "$source: SIGTERM ends it with status 0 (status $?)" [ $? -eq 0 ]
  sed "s/^/# $source events: /" $events
  sed "s/^/# $source log: /" $log
  [ $source = udev ] && udevadm control --exit
  rmmod mtty
  wait_until none_run
done

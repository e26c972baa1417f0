# SPDX-License-Identifier: LGPL-2.1-or-later
# Start devices until none are left: the refusal is clear and nothing is
# left half-made, also when the kernel itself is the one that refuses.
load_mtty
started=0
while [ $started -lt 20 ]; do
  run start -p mtty -t mtty-2
  [ "$status" -eq 0 ] || break
  started=$((started + 1))
done
check "12 dual-port devices fit in mtty's 24 ports (started $started)" [ $started -eq 12 ]
expect_error "the 13th is refused in one line" "^Error: no available instances of mtty-2 on mtty$"
check "the kernel has exactly 12 devices" [ "$(active_count)" -eq 12 ]
check "none of mtty-2 and none of mtty-1 are left" [ "$(available mtty-2)$(available mtty-1)" = 00 ]
run list
check "list shows the 12" [ "$(wc -l <$OUT)" -eq 12 ]

# One device is stopped, and someone else takes its ports between mdevctl's
# check and its create: a pre call-out does it, so the kernel refuses.
victim=$(kernel_devices | head -n 1)
run stop -u "$victim"
expect "stop one" 0
check "one mtty-2 is free again" [ "$(available mtty-2)" = 1 ]
THIEF=$(new_uuid)
mkdir -p /usr/lib/mdevctl/scripts.d/callouts
cat >/usr/lib/mdevctl/scripts.d/callouts/thief <<SCRIPT
#!/bin/sh
case " \$* " in *" -e pre "*) echo $THIEF >$MTTY/mdev_supported_types/mtty-1/create ;; esac
exit 0
SCRIPT
chmod +x /usr/lib/mdevctl/scripts.d/callouts/thief
U=$(new_uuid)
run start -p mtty -t mtty-2 -u "$U"
expect_error "the kernel's refusal of create is one clear line" \
  "^Error: creating $U on parent mtty type mtty-2 \(write to create\) failed: .*\(os error [0-9]+\): no instances of this type are left$"
check "the refused device does not exist" [ ! -e "$BUS/$U" ]
check "the kernel has the 11 and the thief's" [ "$(active_count)" -eq 12 ]
check "the thief's device exists" [ -e "$BUS/$THIEF" ]

# SPDX-License-Identifier: LGPL-2.1-or-later
# An attribute the type does not have: start fails and leaves nothing behind.
load_mtty
U=$(new_uuid)
run define -u "$U" -p mtty -t mtty-1
expect "define" 0
run modify -u "$U" --addattr no_such_attr --value 1
expect "modify --addattr" 0
cp "/etc/mdevctl.d/mtty/$U" /tmp/definition

run start -u "$U"
expect_error "start fails in one line naming the attribute" \
  "^Error: writing attribute no_such_attr=1 of $U on parent mtty type mtty-1 failed: .*removed again"
check "no device is left in the kernel" [ -z "$(kernel_devices)" ]
check "no device directory under the parent" [ -z "$(ls /sys/devices/virtual/mtty/mtty | grep -E '^[0-9a-f]{8}-')" ]
check "all 24 ports are free" [ "$(available mtty-1)" = 24 ]
check "the definition is unchanged" cmp -s /tmp/definition "/etc/mdevctl.d/mtty/$U"
run list
expect "list is empty" 0
run start -u "$U"
expect_error "a second try fails the same way" "no_such_attr"
check "and leaves nothing either" [ -z "$(kernel_devices)" ]

# SPDX-License-Identifier: LGPL-2.1-or-later
# Call-outs and a notifier in usr/lib/mdevctl/scripts.d see the right events
# and states around a real create and remove.
load_mtty
dir=/usr/lib/mdevctl/scripts.d
mkdir -p $dir/callouts $dir/notifiers
# Each call leaves one line: who, event, action, state, type, parent, whether
# the kernel has the device at that moment, and the type read from stdin.
# The same script serves as call-out and as notifier.
cat >$dir/callouts/record <<'SCRIPT'
#!/bin/sh
case $0 in */notifiers/*) who=notifier ;; *) who=callout ;; esac
while [ $# -gt 1 ]; do
  case $1 in -t) t=$2 ;; -e) e=$2 ;; -a) a=$2 ;; -s) s=$2 ;; -u) u=$2 ;; -p) p=$2 ;; esac
  shift 2
done
[ "$a" = capabilities ] && exit 2
if [ "$e" = get ]; then echo '[]'; exit 0; fi
[ -e /sys/bus/mdev/devices/$u ] && where=present || where=absent
stdin=$(sed -n 's/.*"mdev_type": *"\([^"]*\)".*/\1/p')
echo "$who $e $a $s $t $p $where $stdin" >>/tmp/calls
if [ "$e" = pre ] && [ -f /tmp/refuse ]; then echo "not now" >&2; exit 1; fi
exit 0
SCRIPT
chmod +x $dir/callouts/record
cp $dir/callouts/record $dir/notifiers/record

U=$(new_uuid)
run start -p mtty -t mtty-1 -u "$U"
expect "start a transient device" 0
check "the kernel has it" [ -d "$BUS/$U" ]
expect_file "the call-outs saw pre before create, post after it, then the notifier" /tmp/calls \
  "callout pre start none mtty-1 mtty absent mtty-1" \
  "callout post start success mtty-1 mtty present mtty-1" \
  "notifier notify start success mtty-1 mtty present mtty-1" 
rm /tmp/calls

run stop -u "$U"
expect "stop" 0
expect_file "pre before remove, post after it" /tmp/calls \
  "callout pre stop none mtty-1 mtty present mtty-1" \
  "callout post stop success mtty-1 mtty absent mtty-1" \
  "notifier notify stop success mtty-1 mtty absent mtty-1" 
rm /tmp/calls

# A start the kernel refuses: post and the notifier hear of the failure.
run define -u "$U" -p mtty -t mtty-2
run modify -u "$U" --addattr no_such_attr --value 1
rm /tmp/calls
run start -u "$U"
expect_error "start with an attribute mtty lacks fails" "no_such_attr"
expect_file "post and the notifier say failure; the device is gone by post" /tmp/calls \
  "callout pre start none mtty-2 mtty absent mtty-2" \
  "callout post start failure mtty-2 mtty absent mtty-2" \
  "notifier notify start failure mtty-2 mtty absent mtty-2" 
check "nothing is left in the kernel" [ -z "$(kernel_devices)" ]
rm /tmp/calls

# A pre call-out that says no: the device is never created.
touch /tmp/refuse
run modify -u "$U" --delattr
rm -f /tmp/calls
run start -u "$U"
check "a refusing pre call-out fails start" [ "$status" -ne 0 ]
check "its reason reaches stderr" grep -q "not now" $ERR
check "the device was never created" [ -z "$(kernel_devices)" ]
expect_file "only pre ran, then the notifier with state none" /tmp/calls \
  "callout pre start none mtty-2 mtty absent mtty-2" \
  "notifier notify start none mtty-2 mtty absent mtty-2" 

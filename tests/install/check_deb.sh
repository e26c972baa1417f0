#!/bin/bash
# Builds the Debian package of a build dir with CPack and inspects it: it
# replaces the distribution's mdevctl, installs the layout, and its udev rule
# and unit run a binary the package contains.
#   tests/install/check_deb.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
source "$(dirname "$0")/lib.sh"
out=$scratch

(cd "$build" && cpack -G DEB -B "$out" >/dev/null)
deb=$(ls "$out"/*.deb)
echo "package: ${deb##*/}"
info=$(dpkg-deb -I "$deb")
echo "$info" | sed -n 's/^ \(Package\|Version\|Architecture\|Provides\|Conflicts\|Replaces\|Recommends\|Depends\):/  &/p'
for field in "Provides: mdevctl" "Conflicts: mdevctl" "Replaces: mdevctl"; do
  grep -q "^ $field\$" <<<"$info" || fail "control lacks '$field'"
done
grep -q '^ Package: mdevctl-cpp$' <<<"$info" || fail "package name"
dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep -qx './postinst' || fail "no postinst"

contents=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\.||; s|/$||')
for path in /usr/sbin/mdevctl /usr/sbin/lsmdev /lib/udev/rules.d/60-mdevctl.rules \
            /lib/systemd/system/mdevctl-autostart@.service /etc/mdevctl.d \
            /lib/systemd/system/mdevctl-monitor.service /usr/libexec/mdevctl/mdevctl-monitor \
            /usr/lib/mdevctl/scripts.d/callouts /usr/lib/mdevctl/scripts.d/notifiers \
            /etc/mdevctl/callouts/command.d /etc/mdevctl/callouts/get.d \
            /etc/mdevctl/notification/notifiers.d /usr/share/man/man8/mdevctl.8 \
            /usr/share/man/man8/lsmdev.8 /usr/share/bash-completion/completions/mdevctl \
            /usr/share/zsh/vendor-completions/_mdevctl /usr/share/fish/vendor_completions.d/mdevctl.fish; do
  grep -qx "$path" <<<"$contents" || fail "the package lacks $path"
done

unpacked=$out/root
dpkg-deb -x "$deb" "$unpacked"
ran=$(sed -n 's/^RUN+="\([^ ]*\) start-parent-mdevs.*/\1/p' "$unpacked/lib/udev/rules.d/60-mdevctl.rules")
[ -x "$unpacked$ran" ] || fail "the packaged rule runs $ran, which the package does not contain"
[ $status -eq 0 ] && echo "package: ok"
exit $status

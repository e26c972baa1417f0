#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Inspects the Debian package that dpkg-buildpackage built: it replaces the
# distribution's mdevctl, lays files out where that package has them, its
# udev rule and units run a binary it contains, its maintainer scripts stop
# the monitor on removal and never touch definitions, and lintian has no
# error or warning.
#   tests/install/check_deb.sh PACKAGE.deb [SOURCE.dsc]
set -euo pipefail
deb=$(realpath "$1")
shift
source "$(dirname "$0")/lib.sh"

echo "package: ${deb##*/}"
info=$(dpkg-deb -I "$deb")
echo "$info" | sed -n 's/^ \(Package\|Version\|Architecture\|Provides\|Conflicts\|Replaces\|Depends\|Maintainer\):/  &/p'
version=$(dpkg-deb -f "$deb" Version)
for field in "Package: mdevctl-cpp" "Provides: mdevctl (= $version)" "Conflicts: mdevctl" "Replaces: mdevctl"; do
  grep -q "^ $field\$" <<<"$info" || fail "control lacks '$field'"
done
# Dynamic (as Debian requires): the libraries come from dpkg-shlibdeps.
depends=$(sed -n 's/^ Depends: //p' <<<"$info")
for lib in libc6 libstdc++6 libudev1 libsystemd0; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done

# DEP 17: the udev rule and the units sit where this release's udev and
# systemd (and its own mdevctl) have theirs, /lib on Debian 12 and /usr/lib
# after it; under the other name, dpkg -i over Debian's mdevctl deletes them
# on a merged /usr.
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
case "$codename" in
  bullseye | bookworm) lib=/lib ;;
  *) lib=/usr/lib ;;
esac
echo "  release: ${codename:-unknown}, rule and units under $lib"

contents=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\.||; s|/$||')
for path in /usr/bin/mdevctl /usr/bin/lsmdev /usr/sbin/mdevctl /usr/sbin/lsmdev \
            $lib/udev/rules.d/60-mdevctl.rules /etc/mdevctl.d \
            $lib/systemd/system/mdevctl-autostart@.service $lib/systemd/system/mdevctl-monitor.service \
            /usr/libexec/mdevctl/mdevctl-monitor \
            /usr/lib/mdevctl/scripts.d/callouts /usr/lib/mdevctl/scripts.d/notifiers \
            /etc/mdevctl/callouts/command.d /etc/mdevctl/callouts/get.d \
            /etc/mdevctl/notification/notifiers.d /usr/share/man/man8/mdevctl.8.gz \
            /usr/share/man/man8/lsmdev.8.gz /usr/share/doc/mdevctl-cpp/copyright \
            /usr/share/doc/mdevctl-cpp/changelog.gz /usr/share/bash-completion/completions/mdevctl \
            /usr/share/doc/mdevctl-cpp/examples/nvidia-mig-instance \
            /usr/share/zsh/vendor-completions/_mdevctl /usr/share/fish/vendor_completions.d/mdevctl.fish; do
  grep -qx "$path" <<<"$contents" || fail "the package lacks $path"
done
other=/usr/lib
[ "$lib" = /usr/lib ] && other=/lib
if grep -E "^$other/(udev|systemd)/" <<<"$contents"; then fail "files under $other, not $lib (DEP 17)"; fi

unpacked=$scratch/root
dpkg-deb -x "$deb" "$unpacked"
ran=$(sed -n 's/^RUN+="\([^ ]*\) start-parent-mdevs.*/\1/p' "$unpacked$lib/udev/rules.d/60-mdevctl.rules")
[ "$ran" = /usr/bin/mdevctl ] || fail "the packaged rule runs '$ran', not /usr/bin/mdevctl"
file -L "$unpacked/usr/bin/mdevctl" | grep -q 'dynamically linked' || fail "mdevctl is not dynamically linked"
"$unpacked/usr/bin/mdevctl" --version | grep -q '^mdevctl .*not an upstream release' ||
  fail "--version does not say it is not an upstream release"
grep -q "$(dpkg-deb -f "$deb" Version)" <<<"$("$unpacked/usr/bin/mdevctl" --version)" ||
  fail "--version and the package's version differ"

# Maintainer scripts: systemd learns of the units, the monitor is stopped on
# removal, and nothing removes the user's definitions.
scripts=$scratch/control
dpkg-deb -e "$deb" "$scripts"
grep -q 'deb-systemd-invoke stop .*mdevctl-monitor.service' "$scripts/prerm" || fail "prerm does not stop the monitor"
grep -q 'deb-systemd-helper purge .*mdevctl-monitor.service' "$scripts/postrm" || fail "postrm does not disable the monitor on purge"
grep -q 'deb-systemd-invoke try-restart .*mdevctl-monitor.service' "$scripts/postinst" ||
  fail "postinst does not restart a running monitor after an upgrade"
if grep -n 'rm .*multi-user.target.wants' "$scripts"/p*; then
  fail "a maintainer script removes the admin's enablement itself (purge does, through deb-systemd-helper)"
fi
if grep -n 'mdevctl\.d' "$scripts"/p* 2>/dev/null; then fail "a maintainer script touches /etc/mdevctl.d"; fi

# lintian as Debian's archive would run it, and stricter: no error, no warning.
# The source package too, when it is beside the .deb (scripts/package.sh).
lint=$(lintian -EvIL +pedantic "$deb" "$@" 2>&1 || true)
echo "lintian -EvIL +pedantic:"
sed 's/^/  /' <<<"$lint"
if grep -qE '^[EW]: ' <<<"$lint"; then fail "lintian reports errors or warnings"; fi
[ $status -eq 0 ] && echo "package: ok"
exit $status

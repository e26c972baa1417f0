#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Inspects the RPM that `make rpm` built: it replaces mdevctl (Provides and
# Obsoletes), every file sits where Fedora's udev, systemd, man and shells
# look, the rule and units run a binary it contains, and its scriptlets hand
# the units to systemd. Installing it on Fedora cannot be tried here.
# Fedora 41's layout has links in /usr/sbin; Fedora 42's (--merged-bin:
# %{_sbindir} is %{_bindir}) has nothing there, and /usr/bin/mdevctl must
# be the program itself, not a link to itself.
#   tests/install/check_rpm.sh PACKAGE.rpm [--merged-bin]
set -euo pipefail
rpm_file=$(realpath "$1")
merged=${2:-}
source "$(dirname "$0")/lib.sh"

echo "rpm: ${rpm_file##*/}"
provides=$(rpm -qp --provides "$rpm_file" 2>/dev/null)
obsoletes=$(rpm -qp --obsoletes "$rpm_file" 2>/dev/null)
grep -q '^mdevctl = ' <<<"$provides" || fail "it does not provide mdevctl: $provides"
grep -q '^mdevctl < ' <<<"$obsoletes" || fail "it does not obsolete mdevctl: $obsoletes"

unpacked=$scratch/root
mkdir -p "$unpacked"
(cd "$unpacked" && rpm2cpio "$rpm_file" | cpio -idm --quiet)
sbin_links=(/usr/sbin/mdevctl /usr/sbin/lsmdev)
[ "$merged" = --merged-bin ] && sbin_links=()
for path in /usr/bin/mdevctl /usr/bin/lsmdev "${sbin_links[@]}" \
            /usr/libexec/mdevctl/mdevctl-monitor \
            /usr/lib/udev/rules.d/60-mdevctl.rules \
            /usr/lib/systemd/system/mdevctl-autostart@.service \
            /usr/lib/systemd/system/mdevctl-monitor.service \
            /usr/share/bash-completion/completions/mdevctl \
            /usr/share/bash-completion/completions/lsmdev \
            /usr/share/zsh/site-functions/_mdevctl \
            /usr/share/fish/vendor_completions.d/mdevctl.fish \
            /usr/share/fish/vendor_completions.d/lsmdev.fish; do
  [ -e "$unpacked$path" ] || [ -L "$unpacked$path" ] || fail "the RPM lacks $path"
done
if [ "$merged" = --merged-bin ]; then
  echo "  layout: merged bin (Fedora 42)"
  [ ! -e "$unpacked/usr/sbin" ] || fail "merged bin: files under /usr/sbin: $(cd "$unpacked" && find usr/sbin)"
  check_program_in_bin "$unpacked" "merged bin"
fi
ls "$unpacked"/usr/share/man/man8/mdevctl.8* >/dev/null 2>&1 || fail "the RPM lacks mdevctl(8)"
# %{_docdir}/%{name} on Fedora, %{name}-%{version} with Debian's rpm macros.
ls "$unpacked"/usr/share/doc/mdevctl-cpp*/nvidia-mig-instance >/dev/null 2>&1 ||
  fail "the RPM lacks the example call-out nvidia-mig-instance"
for dir in /etc/mdevctl.d /etc/mdevctl/callouts/command.d /etc/mdevctl/callouts/get.d \
           /etc/mdevctl/notification/notifiers.d /usr/lib/mdevctl/scripts.d/callouts \
           /usr/lib/mdevctl/scripts.d/notifiers; do
  [ -d "$unpacked$dir" ] || fail "the RPM lacks the directory $dir"
done
if [ -d "$unpacked/lib" ]; then fail "files under /lib (Fedora has them under /usr/lib)"; fi

ran=$(sed -n 's/^RUN+="\([^ ]*\) start-parent-mdevs.*/\1/p' "$unpacked/usr/lib/udev/rules.d/60-mdevctl.rules")
[ "$ran" = /usr/bin/mdevctl ] || fail "the rule runs '$ran', not /usr/bin/mdevctl"
grep -qx 'ExecStart=/usr/bin/mdevctl monitor' "$unpacked/usr/lib/systemd/system/mdevctl-monitor.service" ||
  fail "the monitor's unit does not run /usr/bin/mdevctl monitor"
"$unpacked/usr/bin/mdevctl" --version | grep -q '^mdevctl .*not an upstream release' ||
  fail "the packaged mdevctl does not run"

version=$(rpm -qp --qf '%{VERSION}' "$rpm_file" 2>/dev/null)
"$unpacked/usr/bin/mdevctl" --version | grep -q "^mdevctl $version " ||
  fail "--version does not say the package's version $version"
grep -q 'GNU LESSER GENERAL PUBLIC LICENSE' "$unpacked"/usr/share/licenses/mdevctl-cpp*/COPYING 2>/dev/null ||
  ls "$unpacked"/usr/share/doc/mdevctl-cpp*/COPYING >/dev/null 2>&1 || fail "the RPM lacks the licence, COPYING"

scriptlets=$(rpm -qp --scripts "$rpm_file" 2>/dev/null)
grep -q 'install-system-units mdevctl-monitor.service' <<<"$scriptlets" || fail "%post does not register the monitor's unit"
grep -q 'mark-restart-system-units mdevctl-monitor.service' <<<"$scriptlets" ||
  fail "%postun does not restart a running monitor after an upgrade"
grep -q 'remove-system-units mdevctl-monitor.service' <<<"$scriptlets" ||
  fail "%preun does not disable and stop the monitor on removal"
if grep -n 'mdevctl\.d' <<<"$scriptlets"; then fail "a scriptlet touches /etc/mdevctl.d"; fi

echo "files:"
(cd "$unpacked" && find . -mindepth 1 \( -type f -o -type l \) | sort | sed 's/^\./  /')
[ $status -eq 0 ] && echo "rpm: ok"
exit $status

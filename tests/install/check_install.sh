#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Installs a build into a scratch DESTDIR and checks the tree against the
# layout mdevctl must have, and that the udev rule and the systemd unit run
# the binary that was installed (the mistake that breaks autostart on Debian's
# own mdevctl 1.2.0: a rule for /usr/sbin/mdevctl beside /usr/bin/mdevctl).
# The template unit passes the parent's name unescaped (%i): %I would turn
# a '-' in it into '/'.
#   tests/install/check_install.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
source "$(dirname "$0")/lib.sh"
dest=$scratch

DESTDIR=$dest cmake --install "$build" >/dev/null
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
udev=$(sed -n 's/^MDEVCTL_UDEV_DIR:PATH=//p' "$build/CMakeCache.txt")
units=$(sed -n 's/^MDEVCTL_SYSTEMD_UNIT_DIR:PATH=//p' "$build/CMakeCache.txt")
zsh=$(sed -n 's/^MDEVCTL_ZSH_COMPLETION_DIR:PATH=//p' "$build/CMakeCache.txt")
[[ $zsh == /* ]] || zsh=$prefix/$zsh

for file in "$prefix/bin/mdevctl" "$udev/rules.d/60-mdevctl.rules" \
            "$units/mdevctl-autostart@.service" "$units/mdevctl-monitor.service" \
            "$prefix/libexec/mdevctl/mdevctl-monitor" \
            "$prefix/share/man/man8/mdevctl.8" "$prefix/share/man/man8/lsmdev.8" \
            "$prefix/share/bash-completion/completions/mdevctl" \
            "$prefix/share/bash-completion/completions/lsmdev" \
            "$zsh/_mdevctl" \
            "$prefix/share/fish/vendor_completions.d/mdevctl.fish" \
            "$prefix/share/fish/vendor_completions.d/lsmdev.fish"; do
  [ -f "$dest$file" ] || fail "$file is not installed"
done
[ -x "$dest$prefix/bin/mdevctl" ] || fail "$prefix/bin/mdevctl is not executable"
[ -x "$dest$prefix/libexec/mdevctl/mdevctl-monitor" ] || fail "the monitor's program is not executable"
grep -qx "ExecStart=$prefix/bin/mdevctl monitor" "$dest$units/mdevctl-monitor.service" ||
  fail "the monitor's unit does not run $prefix/bin/mdevctl monitor"
[ "$(readlink "$dest$prefix/bin/lsmdev")" = mdevctl ] || fail "$prefix/bin/lsmdev is not a link to mdevctl"
# Upstream's layout (/usr/sbin) reaches the same binary.
for name in mdevctl lsmdev; do
  [ "$(readlink "$dest$prefix/sbin/$name")" = ../bin/mdevctl ] || fail "$prefix/sbin/$name is not a link to ../bin/mdevctl"
done
for dir in /etc/mdevctl.d "$prefix/lib/mdevctl/scripts.d/callouts" \
           "$prefix/lib/mdevctl/scripts.d/notifiers" /etc/mdevctl/callouts/command.d \
           /etc/mdevctl/callouts/get.d /etc/mdevctl/notification/notifiers.d; do
  [ -d "$dest$dir" ] || fail "directory $dir is not installed"
done

# What the rule and the unit run must be what was installed, executable.
rule=$dest$udev/rules.d/60-mdevctl.rules
unit=$dest$units/mdevctl-autostart@.service
ran_by_rule=$(sed -n 's/^RUN+="\([^ ]*\) start-parent-mdevs.*/\1/p' "$rule")
ran_by_unit=$(sed -n 's/^ExecStart=\([^ ]*\) .*/\1/p' "$unit")
watched=$(sed -n 's/^TEST!="\(.*\)\/\$kernel".*/\1/p' "$rule")
for binary in "$ran_by_rule" "$ran_by_unit"; do
  [ -n "$binary" ] && [ -x "$dest$binary" ] || fail "rule or unit runs '$binary', which is not installed"
done
[ -n "$watched" ] && [ -d "$dest$watched" ] || fail "the rule watches '$watched', which is not installed"
grep -qx 'ExecStart=[^ ]* start-parent-mdevs %i' "$unit" || fail "the unit does not pass the parent as %i"
if grep -n '@[A-Z_]\+@' "$rule" "$unit" "$dest$units/mdevctl-monitor.service"; then fail "unsubstituted placeholders"; fi

# The installed binary runs and is the one we built.
"$dest$prefix/sbin/mdevctl" --version | grep -q '^mdevctl ' || fail "the installed mdevctl does not run"

echo "installed tree:"
(cd "$dest" && find . -mindepth 1 | sort | sed 's/^\./  /')
if [ $status -eq 0 ]; then echo "install layout: ok"; fi
exit $status

#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The built man pages render without a warning, and every option and command
# that `mdevctl ... --help` shows is documented in mdevctl(8), so the two
# cannot drift apart.
#   tests/install/check_man.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
source "$(dirname "$0")/lib.sh"

for page in "$build"/man/mdevctl.8 "$build"/man/lsmdev.8; do
  warnings=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>&1 || true)
  [ -z "$warnings" ] || fail "${page##*/}: $warnings"
  rendered=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$page" 2>&1)
  grep -q '^NAME' <<<"$rendered" || fail "${page##*/} does not render: $rendered"
done

binary=$build/src/mdevctl
rst=$src/man/mdevctl.rst
commands=$("$binary" --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NF && !/:$/ {print $1}')
[ -n "$commands" ] || fail "no commands in --help"
for command in "" $commands; do
  help=$("$binary" $command --help)
  # Every long option --help lists, e.g. "  -u,--uuid UUID" or "  --dumpjson".
  for option in $(grep -o -- '--[a-z][a-z-]*' <<<"$(grep '^  -' <<<"$help")" | sort -u); do
    grep -q -- "\*\*$option\*\*" "$rst" || fail "mdevctl ${command:+$command }--help lists $option, mdevctl(8) does not"
  done
  [ -z "$command" ] || grep -q "^\*\*$command\*\*" "$rst" || fail "command $command is not in mdevctl(8)"
  grep -q '^Example: mdevctl' <<<"$help" || fail "mdevctl ${command:+$command }--help has no example"
done
# And the other way: every option a command's synopsis in mdevctl(8) shows,
# and every global option, is one that command's --help lists (mdevctl(8)
# once listed -f as a global option, which mdevctl rejects before a command).
options_in() { grep -o -- '\*\*--\?[a-zA-Z][a-z-]*\*\*' | tr -d '*' | sort -u; }
for command in $commands; do
  synopsis=$(grep "^\*\*$command\*\*" "$rst" | head -1)
  help=$("$binary" $command --help)
  for option in $(options_in <<<"$synopsis"); do
    grep -qE -- "(^|[ ,])$option([ ,=]|\$)" <<<"$(grep '^  -' <<<"$help")" ||
      fail "mdevctl(8) shows $option for $command, mdevctl $command --help does not"
  done
done
global=$(sed -n '/^GLOBAL OPTIONS$/,/^[A-Z][A-Z ]*$/p' "$rst" | sed '1,2d' | grep '^\*\*' || true)
[ -n "$global" ] || fail "mdevctl(8) has no GLOBAL OPTIONS"
top=$("$binary" --help | grep '^  -')
for option in $(options_in <<<"$global"); do
  grep -qE -- "(^|[ ,])$option([ ,=]|\$)" <<<"$top" ||
    fail "mdevctl(8) lists $option as a global option, mdevctl --help does not"
done
[ $status -eq 0 ] && echo "man pages: ok ($(wc -w <<<"$commands") commands checked against --help)"
exit $status

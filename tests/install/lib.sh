# SPDX-License-Identifier: LGPL-2.1-or-later
# Shared by the install tests: a scratch dir removed on exit, and fail() that
# records a failure and carries on so that one run shows every problem.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

# check_program_in_bin ROOT WHAT: ROOT/usr/bin/mdevctl is the program itself
# (an ELF file, not a link: where sbin is bin, a link to it from sbin would
# be a link to itself), and lsmdev links to it.
check_program_in_bin() {
  local root=$1 what=$2
  [ ! -L "$root/usr/bin/mdevctl" ] && [ "$(head -c 4 "$root/usr/bin/mdevctl" | od -An -c | tr -d ' ')" = '177ELF' ] ||
    fail "$what: /usr/bin/mdevctl is not the program: $(ls -l "$root/usr/bin/mdevctl" 2>&1)"
  [ "$(readlink "$root/usr/bin/lsmdev")" = mdevctl ] || fail "$what: /usr/bin/lsmdev does not link to mdevctl"
}

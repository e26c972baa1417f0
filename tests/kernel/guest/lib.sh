# SPDX-License-Identifier: LGPL-2.1-or-later
# What every scenario gets: `run` for mdevctl, checks that print one
# "ok - ..." or "not ok - ..." line each, and the mtty driver at hand.
# A scenario passes when none of its checks failed.
failures=0
OUT=/tmp/stdout
ERR=/tmp/stderr
MTTY=/sys/class/mdev_bus/mtty
BUS=/sys/bus/mdev/devices

pass() { echo "ok - $*"; }
fail() {
  echo "not ok - $*"
  failures=$((failures + 1))
}
# check WHAT COMMAND...: passes when COMMAND succeeds. One command: in
# `check W [ a ] && [ b ]` the second test is not part of the check.
check() {
  what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
finish() {
  echo "# $failures failed"
  [ "$failures" -eq 0 ]
}

# run ARGS...: mdevctl ARGS with no stdin; leaves $status, $OUT and $ERR.
run() { run_with_stdin "$@" </dev/null; }
# run_with_stdin ARGS... <FILE: the same with the caller's stdin (a redirect
# or a here-document: a pipe would put the run in a subshell).
run_with_stdin() {
  echo "\$ mdevctl $*"
  mdevctl "$@" >$OUT 2>$ERR
  status=$?
  # A sanitizer build reports here even where a scenario checks nothing.
  if grep -Eq 'Sanitizer|runtime error:' $ERR; then
    fail "mdevctl $* ran into a sanitizer report"
    show_run
  fi
}
show_run() {
  echo "#   status $status; stdout:"
  sed 's/^/#     /' $OUT
  echo "#   stderr:"
  sed 's/^/#     /' $ERR
}
# want LINE...: the lines a check expects, into /tmp/want (none: empty).
want() {
  : >/tmp/want
  [ $# -eq 0 ] || printf '%s\n' "$@" >/tmp/want
}
# matches WHAT FILE [CONDITION...]: passes when FILE holds /tmp/want exactly
# and CONDITION (a command) succeeds; else shows what was wanted and what is.
matches() {
  what=$1
  file=$2
  shift 2
  if cmp -s /tmp/want "$file" && { [ $# -eq 0 ] || "$@"; }; then
    pass "$what"
    return
  fi
  fail "$what (wanted $file to hold:)"
  sed 's/^/#     /' /tmp/want
  case $file in
    $OUT | $ERR) show_run ;;
    *) echo "#   it holds:" && sed 's/^/#     /' "$file" 2>&1 ;;
  esac
}

# expect WHAT STATUS [LINE...]: the last run exited STATUS and printed
# exactly these lines on stdout, byte for byte.
expect() {
  what=$1
  code=$2
  shift 2
  want "$@"
  matches "$what (status $code)" $OUT [ "$status" -eq "$code" ]
}
# expect_stderr WHAT [LINE...]: stderr of the last run was exactly these lines.
expect_stderr() {
  what=$1
  shift
  want "$@"
  matches "$what" $ERR
}
# expect_error WHAT PATTERN: the last run failed with exit status 1, no
# stdout, and one stderr line matching the extended regex PATTERN.
expect_error() {
  if [ "$status" -eq 1 ] && [ ! -s $OUT ] && [ "$(wc -l <$ERR)" -eq 1 ] && grep -Eq -- "$2" $ERR; then
    pass "$1"
  else
    fail "$1 (wanted status 1 and one stderr line matching: $2)"
    show_run
  fi
}
# expect_file WHAT PATH LINE...: PATH holds exactly these lines.
expect_file() {
  what=$1
  path=$2
  shift 2
  want "$@"
  matches "$what" "$path"
}
# expect_config WHAT PATH LINE...: the same, but the last line without a
# newline, as mdevctl writes a definition.
expect_config() {
  what=$1
  path=$2
  shift 2
  printf '%s' "$(printf '%s\n' "$@")" >/tmp/want
  matches "$what" "$path"
}

# expect_one_device_json WHAT UUID TYPE START: the last run exited 0 and
# printed the --dumpjson listing of that one device on mtty, byte for byte.
expect_one_device_json() {
  expect "$1" 0 \
    '[' '  {' '    "mtty": [' '      {' "        \"$2\": {" \
    "          \"mdev_type\": \"$3\"," "          \"start\": \"$4\"," '          "attrs": []' \
    '        }' '      }' '    ]' '  }' ']'
}

load_mtty() {
  insmod /modules/mtty.ko || fail "insmod mtty.ko"
}
new_uuid() { cat /proc/sys/kernel/random/uuid; }
available() { cat $MTTY/mdev_supported_types/$1/available_instances; }
# The UUIDs of the mdevs the kernel has, one a line, sorted.
kernel_devices() { ls $BUS | sort; }
active_count() { ls $BUS | wc -l; }

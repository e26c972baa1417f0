#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Runs COMMAND as a user who is not root, as buildds and Fedora's builders
# build and as an admin's users run lsmdev: as nobody when called as root,
# as the caller otherwise. HOME stays as the caller set it.
#   scripts/as_normal_user.sh COMMAND...
if [ "$(id -u)" -eq 0 ]; then
  exec setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
fi
exec "$@"

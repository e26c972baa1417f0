# SPDX-License-Identifier: LGPL-2.1-or-later
# Sourced: the source tree as it is (committed or not), without build output
# or git's files, as a tar stream on stdout, for the package builds.
#   source_tree [tar options]     e.g. --transform ... for a versioned top dir
source_tree() {
  tar -c --exclude='./build*' --exclude=./.git --exclude=./redhat-linux-build "$@" .
}

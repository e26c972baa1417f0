# SPDX-License-Identifier: LGPL-2.1-or-later
# Sourced: a clean chroot of one Debian release, made by mmdebstrap from the
# archive apt uses here (the same mirror serves every release), for building
# and checking the package on the release it is for.
#   release_image RELEASE TARBALL PACKAGE,... [VARIANT]
#                                              makes TARBALL once per package list
#                                              (mmdebstrap's variant, default buildd)
#   release_unpack TARBALL DIR                 a fresh tree of it in DIR
#   in_release DIR COMMAND...                  runs COMMAND in DIR as root, with
#                                              /proc, /sys and /dev mounted only
#                                              for that command
# The caller defines die().

# The mirror apt uses, read from its sources (deb822 or one-line).
release_mirror() {
  local uri
  uri=$(sed -n 's/^URIs: *\([^ ]*\/debian\)\/* *$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
  [ -n "$uri" ] || uri=$(sed -n 's/^deb \(\[[^]]*\] \)\?\([^ ]*\/debian\)\/* .*/\2/p' /etc/apt/sources.list 2>/dev/null | head -n 1)
  echo "${uri:-http://deb.debian.org/debian}"
}

release_image() {
  local release=$1 tarball=$2 packages=$3 variant=${4:-buildd} mirror
  local stamp=$tarball.packages
  [ -f "$tarball" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$release $variant $packages" ] && return
  mirror=$(release_mirror)
  # The release, its updates and its security archive: a kernel image and
  # its headers must come from the same place.
  mmdebstrap --quiet --format=tar --variant="$variant" --include="$packages" "$release" "$tarball.tmp" \
    "deb $mirror $release main" "deb $mirror $release-updates main" \
    "deb ${mirror%/debian}/debian-security $release-security main" || die "mmdebstrap $release failed"
  mv "$tarball.tmp" "$tarball"
  echo "$release $variant $packages" >"$stamp"
}

release_unpack() {
  local tarball=$1 dir=$2
  rm -rf "$dir"
  mkdir -p "$dir"
  tar -xf "$tarball" -C "$dir"
  # Name resolution for apt inside.
  cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
}

in_release() {
  local dir=$1
  shift
  # A private mount namespace: the mounts go when the command ends, however
  # it ends.
  unshare --mount --propagation private -- /bin/sh -ec '
    dir=$1; shift
    mount -t proc proc "$dir/proc"
    mount -t sysfs sysfs "$dir/sys"
    mount --rbind /dev "$dir/dev"
    mount -t tmpfs tmpfs "$dir/tmp"
    exec chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"
  ' in_release "$dir" "$@"
}

#!/bin/bash
# Builds the Debian package the Debian way (dpkg-buildpackage with debhelper;
# the build runs the unit and black-box tests) and checks it: layout, control
# fields, maintainer scripts and lintian. The packages end up in
# build-packages/ (dpkg-buildpackage writes them beside the source first).
#   scripts/package.sh            after scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$PWD/build-packages
version=$(dpkg-parsechangelog -S Version)
arch=$(dpkg --print-architecture)
rm -rf "$out"
mkdir -p "$out"
# -J: as many jobs as cores (DEB_BUILD_OPTIONS parallel=N), for the tests too.
log=$out/build.log
echo "dpkg-buildpackage -b (every line in $log)"
if ! MDEVCTL_CMAKE_ARGS=${MDEVCTL_CMAKE_ARGS:--DMDEVCTL_WERROR=ON} \
     dpkg-buildpackage -b -us -uc -J"$(nproc)" >"$log" 2>&1; then
  tail -n 150 "$log"
  exit 1
fi
grep -E '^(dpkg-buildpackage: info: (source version|binary-only))|tests passed|tests failed' "$log"
for file in ../mdevctl-cpp_"${version}_$arch".{deb,buildinfo,changes} ../mdevctl-cpp-dbgsym_"${version}_$arch".deb; do
  mv "$file" "$out/"
done
tests/install/check_deb.sh "$out/mdevctl-cpp_${version}_$arch.deb"

# SPDX-License-Identifier: LGPL-2.1-or-later
# The seed's way in: make, make install, make check, make deb, make rpm.
# A thin wrapper around CMake (the build itself lives in CMakeLists.txt).
#   make [PREFIX=/usr] [BUILD=build] [CMAKE_ARGS=...]
#   make install [DESTDIR=...]
#   make check          the unit and black-box tests (scripts/test.sh: every tier)
#   make deb            the Debian package for this release (scripts/package.sh)
#   make rpm            the RPM, Fedora 41's and 42's layouts (scripts/rpm.sh)
#   make dist           the release tarball (scripts/dist.sh)
PREFIX ?= /usr
BUILD ?= build
CMAKE_ARGS ?=
JOBS ?= $(shell nproc)

.PHONY: all configure install check deb rpm dist clean

all: configure
	cmake --build $(BUILD) -j $(JOBS)

# Every time: cheap, and it takes a changed PREFIX or CMAKE_ARGS.
configure:
	cmake -S . -B $(BUILD) -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_ARGS)

install: all
	DESTDIR=$(DESTDIR) cmake --install $(BUILD)

check: all
	cd $(BUILD) && ctest -L 'unit|blackbox' --output-on-failure -j $(JOBS)

deb:
	scripts/package.sh

rpm:
	scripts/rpm.sh

dist:
	scripts/dist.sh

clean:
	rm -rf $(BUILD)

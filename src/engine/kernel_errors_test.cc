// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/kernel_errors.h"

#include <cerrno>

#include "support/catch.h"

using mdev::likely_cause;
using mdev::SysfsWrite;

TEST_CASE("Kernel refusals of create are explained") {
  CHECK_THAT(likely_cause(SysfsWrite::kCreate, EINVAL), match::Contains("cannot run this type"));
  CHECK_THAT(likely_cause(SysfsWrite::kCreate, EEXIST), match::Contains("already exists"));
  CHECK_THAT(likely_cause(SysfsWrite::kCreate, EUSERS), match::Contains("no instances"));
  CHECK_THAT(likely_cause(SysfsWrite::kCreate, ENOSPC), match::Contains("no instances"));
  CHECK_THAT(likely_cause(SysfsWrite::kCreate, ENODEV), match::Contains("going away"));
  CHECK_THAT(likely_cause(SysfsWrite::kRemove, EBUSY), match::Contains("in use"));
  CHECK_THAT(likely_cause(SysfsWrite::kAttribute, ENOENT), match::Contains("no such attribute"));
  CHECK(likely_cause(SysfsWrite::kRemove, EIO).empty());
}

TEST_CASE("EACCES alone is a permission problem; EPERM is a driver's no") {
  for (auto write : {SysfsWrite::kCreate, SysfsWrite::kRemove, SysfsWrite::kAttribute,
                     SysfsWrite::kVgpuType, SysfsWrite::kVgpuAttribute}) {
    CHECK(likely_cause(write, EACCES) == "mdevctl must run as root");
    CHECK_THAT(likely_cause(write, EPERM), !match::Contains("root"));
  }
}

TEST_CASE("NVIDIA's refusals of a type and of an attribute, both flavours") {
  CHECK_THAT(likely_cause(SysfsWrite::kVgpuType, EPERM), match::Contains("already holds a vGPU"));
  CHECK_THAT(likely_cause(SysfsWrite::kVgpuType, EBUSY), match::Contains("already holds a vGPU"));
  CHECK_THAT(likely_cause(SysfsWrite::kVgpuType, EIO), match::Contains("NVRM"));
  CHECK_THAT(likely_cause(SysfsWrite::kVgpuType, ENODEV),
             match::Contains("not a type of this GPU"));
  CHECK_THAT(likely_cause(SysfsWrite::kVgpuType, ENOSPC), match::Contains("full"));
  CHECK_THAT(likely_cause(SysfsWrite::kVgpuType, EINVAL), match::Contains("another type"));
  CHECK_THAT(likely_cause(SysfsWrite::kVgpuAttribute, ENXIO), match::Contains("holds no vGPU"));
  CHECK_THAT(likely_cause(SysfsWrite::kVgpuAttribute, EPERM), match::Contains("VM is using"));
  CHECK_THAT(likely_cause(SysfsWrite::kVgpuAttribute, E2BIG), match::Contains("1024 bytes"));
}

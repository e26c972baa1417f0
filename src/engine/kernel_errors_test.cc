#include "engine/kernel_errors.h"

#include <catch2/catch.hpp>
#include <cerrno>

using mdev::likely_cause;
using mdev::SysfsWrite;

TEST_CASE("Kernel refusals of create are explained") {
  CHECK_THAT(likely_cause(SysfsWrite::kCreate, EINVAL), Catch::Contains("cannot run this type"));
  CHECK_THAT(likely_cause(SysfsWrite::kCreate, EEXIST), Catch::Contains("already exists"));
  CHECK_THAT(likely_cause(SysfsWrite::kCreate, EUSERS), Catch::Contains("no instances"));
  CHECK_THAT(likely_cause(SysfsWrite::kCreate, ENOSPC), Catch::Contains("no instances"));
  CHECK_THAT(likely_cause(SysfsWrite::kCreate, ENODEV), Catch::Contains("going away"));
  CHECK_THAT(likely_cause(SysfsWrite::kRemove, EBUSY), Catch::Contains("in use"));
  CHECK_THAT(likely_cause(SysfsWrite::kAttribute, ENOENT), Catch::Contains("no such attribute"));
  CHECK(likely_cause(SysfsWrite::kRemove, EIO).empty());
}

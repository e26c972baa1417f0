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

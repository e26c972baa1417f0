#include "model/names.h"

#include <catch2/catch.hpp>
#include <string>

#include "model/error.h"

TEST_CASE("Names that could leave their directory are refused") {
  using namespace std::string_literals;
  for (auto bad : {""s, "."s, ".."s, "a/b"s, "../etc"s, "/abs"s, "nul\0byte"s}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(mdev::check_parent_name(bad), mdev::Error);
    CHECK_THROWS_AS(mdev::check_type_name(bad), mdev::Error);
    CHECK_THROWS_AS(mdev::check_attribute_name(bad), mdev::Error);
  }
  CHECK_THROWS_WITH(mdev::check_parent_name("a/b"), "invalid parent name 'a/b': must not contain '/'");
}

TEST_CASE("scripts.d is reserved and never a parent") {
  CHECK_THROWS_AS(mdev::check_parent_name("scripts.d"), mdev::Error);
  CHECK_NOTHROW(mdev::check_type_name("scripts.d"));
}

TEST_CASE("Real parent and type names pass") {
  CHECK_NOTHROW(mdev::check_parent_name("0000:00:02.0"));
  CHECK_NOTHROW(mdev::check_parent_name("matrix"));
  CHECK_NOTHROW(mdev::check_parent_name("0.0.26ab"));
  CHECK_NOTHROW(mdev::check_type_name("i915-GVTg_V5_4"));
  CHECK_NOTHROW(mdev::check_type_name("vfio_ap-passthrough"));
  CHECK_NOTHROW(mdev::check_attribute_name("assign_adapter"));
}

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/names.h"

#include <string>

#include "model/error.h"
#include "support/catch.h"

TEST_CASE("Names that could leave their directory or break a line are refused") {
  using namespace std::string_literals;
  for (auto bad : {""s, "."s, ".."s, "a/b"s, "../etc"s, "/abs"s, "/etc/shadow"s, "nul\0byte"s,
                   "new\nline"s, "esc\x1b[31m"s, "del\x7f"s, "\xff\xfe"s, "\xc0\xaf"s,
                   "\xed\xa0\x80"s, std::string(256, 'a')}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(mdev::check_parent_name(bad), mdev::Error);
    CHECK_THROWS_AS(mdev::check_type_name(bad), mdev::Error);
    CHECK_THROWS_AS(mdev::check_attribute_name(bad), mdev::Error);
  }
  CHECK_THROWS_WITH(mdev::check_parent_name("a/b"),
                    "invalid parent name 'a/b': must not contain '/'");
  CHECK_THROWS_WITH(mdev::check_attribute_name("a\nb"),
                    "invalid attribute name 'a\\x0ab': must not contain control characters");
  CHECK_THROWS_WITH(mdev::check_type_name("t\xff"), "invalid type name 't\\xff': not valid UTF-8");
}

TEST_CASE("scripts.d is reserved and never a parent") {
  CHECK_THROWS_AS(mdev::check_parent_name("scripts.d"), mdev::Error);
  CHECK_THROWS_WITH(mdev::check_parent_name(".hidden"),
                    "invalid parent name '.hidden': must not start with '.'");
  CHECK_NOTHROW(mdev::check_type_name("scripts.d"));
}

TEST_CASE("Real parent and type names pass") {
  CHECK_NOTHROW(mdev::check_parent_name("0000:00:02.0"));
  CHECK_NOTHROW(mdev::check_parent_name("matrix"));
  CHECK_NOTHROW(mdev::check_parent_name("0.0.26ab"));
  CHECK_NOTHROW(mdev::check_type_name("i915-GVTg_V5_4"));
  CHECK_NOTHROW(mdev::check_type_name("vfio_ap-passthrough"));
  CHECK_NOTHROW(mdev::check_type_name("nvidia-256"));
  CHECK_NOTHROW(mdev::check_attribute_name("assign_adapter"));
  CHECK_NOTHROW(mdev::check_attribute_name("größe"));
  CHECK_NOTHROW(mdev::check_attribute_name(std::string(255, 'a')));
}

TEST_CASE("Error quotes are escaped and bounded") {
  CHECK(mdev::quoted_for_error("ok") == "'ok'");
  CHECK(mdev::quoted_for_error("a\x1b[2Jb") == "'a\\x1b[2Jb'");
  CHECK(mdev::quoted_for_error("ü\xff") == "'ü\\xff'");
  CHECK(mdev::quoted_for_error(std::string(5000, 'x')) ==
        "'" + std::string(100, 'x') + "'... (5000 bytes)");
  CHECK(mdev::is_valid_utf8("größe €𝄞"));
  CHECK_FALSE(mdev::is_valid_utf8("\xe2\x82"));
}

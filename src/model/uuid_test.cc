// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/uuid.h"

#include <set>

#include "model/error.h"
#include "support/catch.h"

using mdev::Uuid;

TEST_CASE("UUIDs are accepted in any case and held lower-case") {
  auto uuid = Uuid::parse("83C32DF7-D52E-4EC1-9668-1F3C7E4DF107");
  REQUIRE(uuid);
  CHECK(uuid->str() == "83c32df7-d52e-4ec1-9668-1f3c7e4df107");
  CHECK(*uuid == *Uuid::parse("83c32df7-d52e-4ec1-9668-1f3c7e4df107"));
}

TEST_CASE("Anything but a hyphenated UUID is refused") {
  CHECK_FALSE(Uuid::parse(""));
  CHECK_FALSE(Uuid::parse("bogus"));
  CHECK_FALSE(Uuid::parse("83c32df7d52e4ec196681f3c7e4df107"));
  CHECK_FALSE(Uuid::parse("83c32df7-d52e-4ec1-9668-1f3c7e4df10g"));
  CHECK_FALSE(Uuid::parse("urn:uuid:83c32df7-d52e-4ec1-9668-1f3c7e4df107"));
  CHECK_THROWS_WITH(Uuid::parse_or_throw("xyz"), "invalid UUID 'xyz'");
}

TEST_CASE("Random UUIDs are version 4 - lower-case and distinct") {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    Uuid uuid = Uuid::random();
    CHECK(uuid.str().size() == 36);
    CHECK(uuid.str()[14] == '4');
    CHECK(std::string("89ab").find(uuid.str()[19]) != std::string::npos);
    CHECK(Uuid::parse(uuid.str()) == uuid);
    seen.insert(uuid.str());
  }
  CHECK(seen.size() == 100);
}

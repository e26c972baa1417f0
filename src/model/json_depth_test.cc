// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/json_depth.h"

#include <string>

#include "support/catch.h"

using mdev::json_nests_deeper_than;

TEST_CASE("JSON depth: counts brackets outside strings only") {
  CHECK_FALSE(json_nests_deeper_than(R"({"attrs":[{"a":"b"}]})", 3));
  CHECK(json_nests_deeper_than(R"({"attrs":[{"a":"b"}]})", 2));
  CHECK_FALSE(json_nests_deeper_than(R"({"a":"[[[[[[\"{{{{"})", 1));
  CHECK_FALSE(json_nests_deeper_than("[][][][]", 1));
}

TEST_CASE("JSON depth: 100 KB of brackets is refused without recursion") {
  CHECK(json_nests_deeper_than(std::string(100000, '[')));
  CHECK_FALSE(json_nests_deeper_than(std::string(128, '[') + std::string(128, ']')));
  CHECK(json_nests_deeper_than(std::string(129, '{')));
}

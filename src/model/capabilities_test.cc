// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/capabilities.h"

#include <string>
#include <vector>

#include "support/catch.h"

using mdev::parse_capabilities;

TEST_CASE("Capabilities: the lists a versioned script supports") {
  auto caps = parse_capabilities(
      R"({"supports":{"version":1,"events":["pre","post"],"actions":["start","stop"]}})");
  REQUIRE(caps);
  CHECK(caps->events == std::set<std::string>{"pre", "post"});
  CHECK(caps->actions == std::set<std::string>{"start", "stop"});
}

TEST_CASE("Capabilities: anything else means not versioned") {
  for (const std::string& answer : std::vector<std::string>{
           "", "[]", "{}", R"({"supports":[]})", R"({"supports":{"events":["pre"]}})",
           R"({"supports":{"events":[1],"actions":[]}})", "{\"supports\":{",
           std::string(200, '[')}) {
    CAPTURE(answer);
    CHECK_FALSE(parse_capabilities(answer));
  }
}

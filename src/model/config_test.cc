// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/config.h"

#include "model/error.h"
#include "support/catch.h"

using mdev::DeviceConfig;

TEST_CASE("A config round-trips in the established file format") {
  DeviceConfig config{
      "vfio_ap-passthrough", true, {{"assign_adapter", "5"}, {"assign_domain", "0xab"}}};
  std::string text = mdev::config_to_json(config);
  CHECK(text ==
        "{\n  \"mdev_type\": \"vfio_ap-passthrough\",\n  \"start\": \"auto\",\n  \"attrs\": [\n"
        "    {\n      \"assign_adapter\": \"5\"\n    },\n    {\n      \"assign_domain\": \"0xab\"\n"
        "    }\n  ]\n}");
  CHECK(mdev::parse_config(text, "f") == config);
}

TEST_CASE("Attributes keep their order and duplicates") {
  auto config = mdev::parse_config(
      R"({"attrs":[{"b":"1"},{"a":"2"},{"b":"3"}],"start":"manual","mdev_type":"t"})", "f");
  REQUIRE(config.attrs.size() == 3);
  CHECK(config.attrs[0] == mdev::Attribute{"b", "1"});
  CHECK(config.attrs[1] == mdev::Attribute{"a", "2"});
  CHECK(config.attrs[2] == mdev::Attribute{"b", "3"});
  CHECK_FALSE(config.autostart);
  CHECK(mdev::config_to_json(config).find("\"mdev_type\": \"t\",\n  \"start\"") !=
        std::string::npos);
}

TEST_CASE("Missing or null attrs mean none - empty attrs are written as an empty array") {
  CHECK(mdev::parse_config(R"({"mdev_type":"t","start":"auto"})", "f").attrs.empty());
  CHECK(mdev::parse_config(R"({"mdev_type":"t","start":"auto","attrs":null})", "f").attrs.empty());
  CHECK(mdev::config_to_json(DeviceConfig{"t", false, {}}) ==
        "{\n  \"mdev_type\": \"t\",\n  \"start\": \"manual\",\n  \"attrs\": []\n}");
}

TEST_CASE("Invalid configs are refused naming the file") {
  CHECK_THROWS_WITH(mdev::parse_config("{", "/x/f"), match::StartsWith("/x/f: invalid JSON"));
  CHECK_THROWS_WITH(mdev::parse_config(R"({"start":"auto"})", "/x/f"),
                    "/x/f: \"mdev_type\" is missing or not a string");
  CHECK_THROWS_WITH(mdev::parse_config(R"({"mdev_type":"t"})", "/x/f"),
                    "/x/f: \"start\" must be \"auto\" or \"manual\"");
  CHECK_THROWS_WITH(mdev::parse_config(R"({"mdev_type":"t","start":"sometimes"})", "/x/f"),
                    "/x/f: \"start\" must be \"auto\" or \"manual\"");
  CHECK_THROWS_AS(mdev::parse_config(R"({"mdev_type":"t","start":"auto","attrs":[{"a":1}]})", "f"),
                  mdev::Error);
  CHECK_THROWS_AS(
      mdev::parse_config(R"({"mdev_type":"t","start":"auto","attrs":[{"a":"1","b":"2"}]})", "f"),
      mdev::Error);
  CHECK_THROWS_AS(mdev::parse_config(R"({"mdev_type":"t","start":"auto","attrs":{"a":"1"}})", "f"),
                  mdev::Error);
  CHECK_THROWS_AS(mdev::parse_config("[]", "f"), mdev::Error);
}

TEST_CASE("get call-out output: arrays - an empty object - empty output and a trailing NUL") {
  using namespace std::string_literals;
  auto attrs =
      mdev::parse_attribute_list(R"([{"assign_adapter":"2"},{"assign_domain":"0x3b"}])", "s");
  REQUIRE(attrs.size() == 2);
  CHECK(attrs[1] == mdev::Attribute{"assign_domain", "0x3b"});
  CHECK(mdev::parse_attribute_list("[{}]", "s").empty());
  CHECK(mdev::parse_attribute_list("", "s").empty());
  CHECK(mdev::parse_attribute_list("[{\"a\":\"1\"}]\n\0"s, "s").size() == 1);
  CHECK_THROWS_AS(mdev::parse_attribute_list("garbage", "s"), mdev::Error);
}

TEST_CASE("A config's attribute has a name and a value without NUL bytes") {
  CHECK_THROWS_WITH(mdev::parse_config(R"({"mdev_type":"t","start":"auto","attrs":[{}]})", "f"),
                    "f: each attribute must be an object with one string member, got '{}'");
  CHECK_THROWS_WITH(
      mdev::parse_config(R"({"mdev_type":"t","start":"auto","attrs":[{"a":"1"},{}]})", "f"),
      "f: each attribute must be an object with one string member, got '{}'");
  CHECK_THROWS_WITH(
      mdev::parse_config(R"({"mdev_type":"t","start":"auto","attrs":[{"a":"x\u0000y"}]})", "f"),
      "f: the value of attribute 'a' holds a NUL byte");
  CHECK_THROWS_WITH(mdev::parse_attribute_list(R"([{"a":"\u0000"}])", "s"),
                    "s: the value of attribute 'a' holds a NUL byte");
}

TEST_CASE("A config file is one JSON object: a NUL byte after it or inside makes it invalid") {
  const std::string good = R"({"mdev_type":"t","start":"auto"})";
  CHECK_THROWS_WITH(mdev::parse_config(good + '\0', "f"),
                    "f: invalid JSON: a NUL byte at offset 32");
  CHECK_THROWS_WITH(mdev::parse_config(good + std::string("\0{}", 3), "f"),
                    "f: invalid JSON: a NUL byte at offset 32");
  CHECK_THROWS_WITH(mdev::parse_config(std::string("{\"mdev_type\":\"t\0\"}", 18), "f"),
                    "f: invalid JSON: a NUL byte at offset 15");
  CHECK(mdev::parse_config(good + "\n", "f").type == "t");
}

TEST_CASE("list -v prints an attribute as compact JSON") {
  CHECK(mdev::attribute_to_compact_json({"assign_adapter", "5"}) == R"({"assign_adapter":"5"})");
  CHECK(mdev::attribute_to_compact_json({"q\"", "a\\b"}) == R"({"q\"":"a\\b"})");
}

TEST_CASE("Unknown members are ignored wherever they nest - the last duplicate wins") {
  auto config = mdev::parse_config(
      R"({"x":{"attrs":[1,{"a":2}]},"mdev_type":"old","y":[[{}]],"start":"auto",)"
      R"("attrs":[{"k":"v"}],"mdev_type":"new","z":null})",
      "f");
  CHECK(config == DeviceConfig{"new", true, {{"k", "v"}}});
}

TEST_CASE("Call-outs get the config as one line of compact JSON in member order") {
  DeviceConfig config{"vfio_ap-passthrough", true, {{"assign_adapter", "5"}, {"a\"b", "x\ny"}}};
  CHECK(
      mdev::config_to_compact_json(config) ==
      R"({"mdev_type":"vfio_ap-passthrough","start":"auto","attrs":[{"assign_adapter":"5"},{"a\"b":"x\ny"}]})");
  CHECK(mdev::config_to_compact_json(DeviceConfig{"t", false, {}}) ==
        R"({"mdev_type":"t","start":"manual","attrs":[]})");
  CHECK(mdev::parse_config(mdev::config_to_compact_json(config), "f") == config);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "blackbox/harness.h"
#include "support/catch.h"

using blackbox::FixtureRoot;

namespace {
const std::string kU = "783e6dbb-ea0e-411f-94e2-717eaad438bf";
}

TEST_CASE("The seed's attribute walk-through works as written") {
  FixtureRoot root("vfio-ap");
  root.write("etc/mdevctl.d/matrix/" + kU,
             "{\"mdev_type\":\"vfio_ap-passthrough\",\"start\":\"manual\"}");
  for (auto [name, value] : {std::pair{"assign_adapter", "5"},
                             {"assign_adapter", "6"},
                             {"assign_domain", "0xab"},
                             {"assign_control_domain", "0xab"},
                             {"assign_domain", "4"},
                             {"assign_control_domain", "4"}}) {
    auto run = root.mdevctl(
        {"modify", "-u", kU, std::string("--addattr=") + name, std::string("--value=") + value});
    REQUIRE(run.status == 0);
  }
  CHECK(root.mdevctl({"modify", "-u", kU, "--delattr", "--index=5"}).status == 0);
  CHECK(root.mdevctl({"modify", "-u", kU, "--delattr", "--index=4"}).status == 0);
  CHECK(root.mdevctl({"list", "-dv", "-u", kU}).out ==
        kU + " matrix vfio_ap-passthrough manual\n"
             "  Attrs:\n"
             "    @{0}: {\"assign_adapter\":\"5\"}\n"
             "    @{1}: {\"assign_adapter\":\"6\"}\n"
             "    @{2}: {\"assign_domain\":\"0xab\"}\n"
             "    @{3}: {\"assign_control_domain\":\"0xab\"}\n");
}

TEST_CASE("modify --addattr -i inserts and --delattr without -i removes the last") {
  FixtureRoot root("vfio-ap");
  CHECK(
      root.mdevctl({"modify", "-u", kU, "--addattr", "first", "--value", "x", "-i", "0"}).status ==
      0);
  CHECK(root.mdevctl({"modify", "-u", kU, "--delattr"}).status == 0);
  auto out = root.mdevctl({"list", "-dv", "-u", kU}).out;
  CHECK(out.find("    @{0}: {\"first\":\"x\"}\n    @{1}: {\"assign_adapter\":\"5\"}\n") !=
        std::string::npos);
  CHECK(out.find("@{6}") == std::string::npos);
  CHECK_THAT(out, match::EndsWith("    @{5}: {\"assign_domain\":\"4\"}\n"));
}

TEST_CASE("modify --delattr on a device without attributes leaves it as it is") {
  FixtureRoot root("gvt-g");
  const std::string u = "5cf14a12-a437-4c82-a13f-70e945782d7b";
  const std::string path = "etc/mdevctl.d/0000:00:02.0/" + u;
  const std::string before =
      "{\n  \"mdev_type\": \"i915-GVTg_V5_4\",\n  \"start\": \"manual\",\n  \"attrs\": []\n}";
  root.write(path, before);
  auto run = root.mdevctl({"modify", "-u", u, "--delattr"});
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK(root.read(path) == before);
}

TEST_CASE("modify -a - -m and -t rewrite the definition only") {
  FixtureRoot root("gvt-g");
  const std::string u = "5cf14a12-a437-4c82-a13f-70e945782d7b";
  CHECK(root.mdevctl({"modify", "--uuid", u, "--auto"}).status == 0);
  CHECK(root.mdevctl({"modify", "--uuid", u, "-t", "i915-GVTg_V5_1"}).status == 0);
  CHECK(root.read("etc/mdevctl.d/0000:00:02.0/" + u) ==
        "{\n  \"mdev_type\": \"i915-GVTg_V5_1\",\n  \"start\": \"auto\",\n  \"attrs\": []\n}");
  CHECK(root.mdevctl({"modify", "--uuid", u, "--manual"}).status == 0);
  CHECK(root.mdevctl({"list", "-d", "-u", u}).out == u + " 0000:00:02.0 i915-GVTg_V5_1 manual\n");
}

TEST_CASE("modify --jsonfile replaces the whole config - from a pipe") {
  FixtureRoot root("vfio-ap");
  std::string config =
      "{\"mdev_type\":\"vfio_ap-passthrough\",\"start\":\"auto\",\"attrs\":[{\"assign_adapter\":"
      "\"9\"}]}";
  auto run = root.mdevctl(
      {"modify", "--parent", "matrix", "--jsonfile", "/dev/stdin", "--uuid", kU}, config);
  CHECK(run.status == 0);
  CHECK(root.read("etc/mdevctl.d/matrix/" + kU) ==
        "{\n  \"mdev_type\": \"vfio_ap-passthrough\",\n  \"start\": \"auto\",\n  \"attrs\": [\n"
        "    {\n      \"assign_adapter\": \"9\"\n    }\n  ]\n}");
}

TEST_CASE("modify errors are one line and change nothing") {
  FixtureRoot root("multi-gpu");
  const std::string two = "0e4b1a5e-0000-4000-8000-000000000002";
  const std::string one = "0e4b1a5e-0000-4000-8000-000000000004";
  blackbox::expect_refusals(
      root,
      {
          {{"modify", "-u", two, "--auto"},
           "Error: device " + two +
               " is defined on several parents (0000:05:00.0, 0000:07:00.0): "
               "specify one with --parent"},
          blackbox::usage({"modify", "-u", one, "-a", "-m"},
                          "--auto and --manual cannot be used together"),
          blackbox::usage({"modify", "-u", one},
                          "nothing to modify: give --auto, --manual, --type, --addattr, "
                          "--delattr or --jsonfile"),
          {{"modify", "-u", one, "--delattr", "-i", "0"},
           "Error: attribute index 0 is invalid; the device has no attributes"},
          {{"modify", "-u", one, "--addattr", "a", "--value", "1", "-i", "1"},
           "Error: attribute index 1 is invalid; the device has no attributes"},
          blackbox::usage({"modify", "-u", one, "--addattr", "a"}, "--addattr needs --value"),
          blackbox::usage({"modify", "-u", one, "--value", "1"},
                          "--value is only used with --addattr"),
          blackbox::usage({"modify", "-u", one, "-i", "1", "-a"},
                          "--index is only used with --addattr or --delattr"),
          {{"modify", "-u", one, "--addattr", "../x", "--value", "1"},
           "Error: invalid attribute name '../x': must not contain '/'"},
          blackbox::usage({"modify", "-u", one, "--live", "-a"}, "--live requires --jsonfile"),
          blackbox::usage(
              {"modify", "-u", one, "--jsonfile", "f", "-a"},
              "--jsonfile cannot be combined with other changes: the file holds the whole "
              "config"),
          {{"modify", "-u", "11111111-2222-4333-8444-555555555555", "-a"},
           "Error: no device config found for 11111111-2222-4333-8444-555555555555"},
      });
}

TEST_CASE("An out-of-range index lists the current attributes") {
  FixtureRoot root("vfio-ap");
  auto run = root.mdevctl(
      {"modify", "-u", "e2e73122-cc39-40ee-89eb-b0a47d334cae", "--delattr", "-i", "3"});
  CHECK(run.status == 1);
  CHECK(run.err ==
        "Error: attribute index 3 is invalid; attributes are @{0}: {\"assign_adapter\":\"5\"}, "
        "@{1}: {\"assign_domain\":\"0x47\"}, @{2}: {\"assign_domain\":\"0xff\"}\n");
}

TEST_CASE("modify --live needs a call-out that takes live changes") {
  FixtureRoot root("vfio-ap");
  const std::string u = "4b3a0c6f-6e9f-4a2c-9d5d-0c9b5b6f1a10";
  auto before = root.snapshot();
  auto run = root.mdevctl({"modify", "-u", u, "-p", "matrix", "--live", "--jsonfile", "/dev/stdin"},
                          "{\"mdev_type\":\"vfio_ap-passthrough\",\"start\":\"auto\"}");
  CHECK(run.status == 1);
  CHECK(run.err == "Error: no call-out script supports live changes of type vfio_ap-passthrough\n");
  auto wrong_type = root.mdevctl({"modify", "-u", u, "--live", "--jsonfile", "/dev/stdin"},
                                 "{\"mdev_type\":\"other\",\"start\":\"auto\"}");
  CHECK(wrong_type.err == "Error: a live change cannot change the type of " + u +
                              " (vfio_ap-passthrough to other)\n");
  CHECK(blackbox::changes(before, root.snapshot()) == "");
}

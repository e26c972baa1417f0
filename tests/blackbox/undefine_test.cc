// SPDX-License-Identifier: LGPL-2.1-or-later
#include <filesystem>

#include "blackbox/harness.h"
#include "support/catch.h"

using blackbox::FixtureRoot;
namespace fs = std::filesystem;

TEST_CASE("undefine removes the config - a running device stays up") {
  FixtureRoot root("gvt-g");
  auto run = root.mdevctl({"undefine", "--uuid", "83c32df7-d52e-4ec1-9668-1f3c7e4df107"});
  CHECK(run.status == 0);
  CHECK_FALSE(
      fs::exists(root.path("etc/mdevctl.d/0000:00:02.0/83c32df7-d52e-4ec1-9668-1f3c7e4df107")));
  CHECK(fs::exists(root.path("sys/bus/mdev/devices/83c32df7-d52e-4ec1-9668-1f3c7e4df107")));
  CHECK(root.mdevctl({"list"}).out.find("i915-GVTg_V5_8 manual\n") != std::string::npos);
}

TEST_CASE("undefine removes every definition of the UUID - or only the one on -p") {
  FixtureRoot root("multi-gpu");
  const std::string u = "0e4b1a5e-0000-4000-8000-000000000002";
  CHECK(root.mdevctl({"undefine", "-u", u, "-p", "0000:07:00.0"}).status == 0);
  CHECK(fs::exists(root.path("etc/mdevctl.d/0000:05:00.0/" + u)));
  CHECK_FALSE(fs::exists(root.path("etc/mdevctl.d/0000:07:00.0/" + u)));
  root.write("etc/mdevctl.d/0000:07:00.0/" + u, "{\"mdev_type\":\"t\",\"start\":\"auto\"}");
  CHECK(root.mdevctl({"undefine", "-u", u}).status == 0);
  CHECK(root.mdevctl({"list", "-d", "-u", u}).out.empty());
}

TEST_CASE("undefine of nothing is an error and changes nothing") {
  FixtureRoot root("gvt-g");
  auto before = root.snapshot();
  auto run = root.mdevctl({"undefine", "-u", "11111111-2222-4333-8444-555555555555"});
  CHECK(run.status == 1);
  CHECK(run.err ==
        "Error: no devices match the specified uuid 11111111-2222-4333-8444-555555555555\n");
  auto on_parent =
      root.mdevctl({"undefine", "-u", "83c32df7-d52e-4ec1-9668-1f3c7e4df107", "-p", "x"});
  CHECK(on_parent.err == "Error: no device 83c32df7-d52e-4ec1-9668-1f3c7e4df107 is defined on x\n");
  CHECK(root.mdevctl({"undefine"}).status == 2);
  CHECK(blackbox::changes(before, root.snapshot()) == "");
}

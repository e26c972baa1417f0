// SPDX-License-Identifier: LGPL-2.1-or-later
#include <filesystem>

#include "blackbox/harness.h"
#include "support/catch.h"

using blackbox::FixtureRoot;
namespace fs = std::filesystem;

namespace {
const char* kMatrixConfig = R"({
  "mdev_type": "vfio_ap-passthrough",
  "start": "manual",
  "attrs": [
    {
      "assign_adapter": "5"
    },
    {
      "assign_domain": "0x47"
    },
    {
      "assign_domain": "0xff"
    }
  ]
})";
}  // namespace

TEST_CASE("define -p -t -u writes the config file and prints nothing") {
  FixtureRoot root("gvt-g");
  auto run = root.mdevctl({"define", "-p", "0000:00:02.0", "-t", "i915-GVTg_V5_2", "-u",
                           "6EBA5B41-176E-40DB-B93E-7F18E04E0B93", "--auto"});
  CHECK(run.status == 0);
  CHECK(run.out.empty());
  CHECK(root.read("etc/mdevctl.d/0000:00:02.0/6eba5b41-176e-40db-b93e-7f18e04e0b93") ==
        "{\n  \"mdev_type\": \"i915-GVTg_V5_2\",\n  \"start\": \"auto\",\n  \"attrs\": []\n}");
}

TEST_CASE("define without -u prints the new UUID") {
  FixtureRoot root("");
  auto run = root.mdevctl({"define", "--parent", "matrix", "--type", "vfio_ap-passthrough"});
  CHECK(run.status == 0);
  REQUIRE(run.out.size() == 37);
  std::string uuid = run.out.substr(0, 36);
  CHECK(run.out[36] == '\n');
  CHECK(fs::exists(root.path("etc/mdevctl.d/matrix/" + uuid)));
  CHECK(root.mdevctl({"list", "-d"}).out == uuid + " matrix vfio_ap-passthrough manual\n");
}

TEST_CASE("define --jsonfile reads a pipe once (libvirt's /dev/stdin)") {
  FixtureRoot root("vfio-ap");
  auto run = root.mdevctl({"define", "--parent=matrix", "--jsonfile=/dev/stdin", "--uuid",
                           "11111111-2222-4333-8444-555555555555"},
                          kMatrixConfig);
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK(root.read("etc/mdevctl.d/matrix/11111111-2222-4333-8444-555555555555") == kMatrixConfig);
}

TEST_CASE("define -u of a running undefined device takes parent and type from sysfs") {
  FixtureRoot root("gvt-g");
  auto run = root.mdevctl({"define", "-u", "85006552-1b4b-45ef-ad62-de05be9171df"});
  CHECK(run.status == 0);
  CHECK(run.out.empty());
  CHECK(root.read("etc/mdevctl.d/0000:00:02.0/85006552-1b4b-45ef-ad62-de05be9171df") ==
        "{\n  \"mdev_type\": \"i915-GVTg_V5_4\",\n  \"start\": \"manual\",\n  \"attrs\": []\n}");
  CHECK(root.mdevctl({"list"}).out.find("i915-GVTg_V5_4 manual (defined)\n") != std::string::npos);
}

TEST_CASE("define refuses bad input with one line and leaves the tree as it was") {
  FixtureRoot root("gvt-g");
  root.write("bad.json", "{\"mdev_type\": \"x\"}");
  root.write("attrs.json", "{\"mdev_type\": \"x\", \"start\": \"auto\", \"attrs\": [{\"a\": 1}]}");
  const std::string bad = root.path("bad.json").string();
  blackbox::expect_refusals(
      root,
      {
          {{"define", "-p", "0000:00:02.0", "-t", "i915-GVTg_V5_8", "-u",
            "83c32df7-d52e-4ec1-9668-1f3c7e4df107"},
           "Error: device 83c32df7-d52e-4ec1-9668-1f3c7e4df107 on 0000:00:02.0 already defined: "
           "cowardly refusing to overwrite its config"},
          {{"define", "-u", "11111111-2222-4333-8444-555555555555"},
           "Error: device 11111111-2222-4333-8444-555555555555 is not running: specify --parent "
           "with "
           "--type or --jsonfile to define it"},
          {{"define", "-p", "../../tmp", "-t", "t"},
           "Error: invalid parent name '../../tmp': must not contain '/'"},
          {{"define", "-p", "..", "-t", "t"}, "Error: invalid parent name '..': not a name"},
          {{"define", "-p", "scripts.d", "-t", "t"},
           "Error: invalid parent name 'scripts.d': reserved"},
          {{"define", "-p", ".hidden", "-t", "t"},
           "Error: invalid parent name '.hidden': must not start with '.'"},
          {{"define", "-p", "p", "-t", "a/b"},
           "Error: invalid type name 'a/b': must not contain '/'"},
          {{"define", "-p", "p", "-t", ""}, "Error: type name must not be empty"},
          blackbox::usage({"define", "-t", "t"},
                          "--parent is needed to define a device with --type or --jsonfile"),
          blackbox::usage({"define", "-p", "p", "--jsonfile", bad, "-t", "x"},
                          "--jsonfile cannot be used with --type or --auto: the file holds both"),
          {{"define", "-p", "p", "--jsonfile", bad},
           "Error: " + bad + ": \"start\" must be \"auto\" or \"manual\""},
          {{"define", "-p", "p", "--jsonfile", root.path("attrs.json").string()},
           "Error: " + root.path("attrs.json").string() +
               ": each attribute must be an object with one string member, got '{\"a\":1}'"},
          {{"define", "-p", "p", "--jsonfile", root.path("missing.json").string()},
           "Error: cannot read " + root.path("missing.json").string() +
               ": No such file or directory"},
          {{"define", "-p", "p", "-t", "t", "-u", "nope"}, "Error: invalid UUID 'nope'"},
          {{"define", "-p", "p", "-t", "t", "-u", "nope\n\x1b"},
           "Error: invalid UUID 'nope\\x0a\\x1b'"},
          blackbox::usage({"define"},
                          "nothing to define: give --uuid of a running device, or --parent with "
                          "--type or --jsonfile"),
      });
}

TEST_CASE("mdevctl refuses a root without etc/mdevctl.d and says so") {
  FixtureRoot root("gvt-g");
  fs::remove_all(root.path("etc"));
  auto run = root.mdevctl({"list"});
  CHECK(run.status == 1);
  CHECK(run.err == "Error: config directory " + root.dir().string() +
                       "/etc/mdevctl.d does not exist (is mdevctl installed, or "
                       "MDEVCTL_ENV_ROOT/--root set right?)\n");
  CHECK(root.mdevctl({"version"}).status == 0);
}

TEST_CASE("The --root option overrides MDEVCTL_ENV_ROOT") {
  FixtureRoot root("gvt-g");
  FixtureRoot empty("");
  auto run = empty.mdevctl({"--root", root.dir().string(), "list", "-d"});
  CHECK(run.out == root.mdevctl({"list", "-d"}).out);
  auto after = empty.mdevctl({"list", "-d", "--root=" + root.dir().string()});
  CHECK(after.out == run.out);
}

TEST_CASE("define for a parent that is not there is kept - with a warning naming the parent") {
  FixtureRoot root("gvt-g");
  const std::string u = "11111111-2222-4333-8444-555555555555";
  auto run = root.mdevctl({"define", "-u", u, "-p", "0000:00:09.0", "-t", "i915-GVTg_V5_4"});
  CHECK(run.status == 0);
  CHECK(run.out.empty());
  CHECK(run.err ==
        "Warning: no parent device 0000:00:09.0 supports mdev now: the definition is kept for when "
        "it does\n");
  CHECK(root.read("etc/mdevctl.d/0000:00:09.0/" + u) != "<missing>");
  auto present = root.mdevctl({"define", "-p", "0000:00:02.0", "-t", "i915-GVTg_V5_4"});
  CHECK(present.status == 0);
  CHECK(present.err.empty());
}

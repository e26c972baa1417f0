// SPDX-License-Identifier: LGPL-2.1-or-later
#include <filesystem>

#include "blackbox/harness.h"
#include "support/catch.h"

using blackbox::FixtureRoot;
namespace fs = std::filesystem;

TEST_CASE("list shows running devices - marked when defined") {
  FixtureRoot root("gvt-g");
  auto run = root.mdevctl({"list"});
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK(run.out ==
        "83c32df7-d52e-4ec1-9668-1f3c7e4df107 0000:00:02.0 i915-GVTg_V5_8 auto (defined)\n"
        "85006552-1b4b-45ef-ad62-de05be9171df 0000:00:02.0 i915-GVTg_V5_4 manual\n");
}

TEST_CASE("list --defined shows definitions - marked when running") {
  FixtureRoot root("gvt-g");
  auto run = root.mdevctl({"list", "--defined"});
  CHECK(run.status == 0);
  CHECK(run.out ==
        "5cf14a12-a437-4c82-a13f-70e945782d7b 0000:00:02.0 i915-GVTg_V5_4 manual\n"
        "83c32df7-d52e-4ec1-9668-1f3c7e4df107 0000:00:02.0 i915-GVTg_V5_8 auto (active)\n"
        "b0a3989f-8138-4d49-b63a-59db28ec8b48 0000:00:02.0 i915-GVTg_V5_8 auto\n");
}

TEST_CASE("lsmdev is list") {
  FixtureRoot root("gvt-g");
  auto lsmdev = blackbox::run_program(
      {std::filesystem::path(blackbox::mdevctl_binary()).parent_path() / "lsmdev", "-d"}, "",
      {"MDEVCTL_ENV_ROOT=" + root.dir().string()});
  CHECK(lsmdev.status == 0);
  CHECK(lsmdev.out == root.mdevctl({"list", "-d"}).out);
}

TEST_CASE("list -dv prints attributes the way the seed shows them") {
  FixtureRoot root("vfio-ap");
  auto run = root.mdevctl({"list", "-dv", "--uuid", "783E6DBB-EA0E-411F-94E2-717EAAD438BF"});
  CHECK(run.status == 0);
  CHECK(run.out ==
        "783e6dbb-ea0e-411f-94e2-717eaad438bf matrix vfio_ap-passthrough manual\n"
        "  Attrs:\n"
        "    @{0}: {\"assign_adapter\":\"5\"}\n"
        "    @{1}: {\"assign_adapter\":\"6\"}\n"
        "    @{2}: {\"assign_domain\":\"0xab\"}\n"
        "    @{3}: {\"assign_control_domain\":\"0xab\"}\n"
        "    @{4}: {\"assign_domain\":\"4\"}\n"
        "    @{5}: {\"assign_control_domain\":\"4\"}\n");
}

TEST_CASE("list -v of a running defined device: its definition's start mode - not its attributes") {
  FixtureRoot root("vfio-ap");
  auto run = root.mdevctl({"list", "-v"});
  CHECK(run.out ==
        "4b3a0c6f-6e9f-4a2c-9d5d-0c9b5b6f1a10 matrix vfio_ap-passthrough auto (defined)\n");
}

TEST_CASE("list --dumpjson: one object holding all parents - an empty array when empty") {
  FixtureRoot root("multi-gpu");
  auto run = root.mdevctl({"list", "--dumpjson"});
  CHECK(run.status == 0);
  CHECK(run.out == R"([
  {
    "0000:03:00.0": [
      {
        "0e4b1a5e-0000-4000-8000-000000000001": {
          "mdev_type": "nvidia-252",
          "start": "manual",
          "attrs": []
        }
      }
    ],
    "0000:05:00.0": [
      {
        "0e4b1a5e-0000-4000-8000-000000000002": {
          "mdev_type": "nvidia-254",
          "start": "auto",
          "attrs": []
        }
      }
    ],
    "0000:0a:00.0": [
      {
        "0e4b1a5e-0000-4000-8000-000000000003": {
          "mdev_type": "nvidia-258",
          "start": "manual",
          "attrs": []
        }
      }
    ]
  }
]
)");
  CHECK(root.mdevctl({"list", "--dumpjson", "-p", "0000:04:00.0"}).out == "[]\n");
}

TEST_CASE("list --dumpjson --uuid of one device prints its bare config") {
  FixtureRoot root("gvt-g");
  auto run =
      root.mdevctl({"list", "-d", "--dumpjson", "--uuid=5cf14a12-a437-4c82-a13f-70e945782d7b"});
  CHECK(run.out ==
        "{\n  \"mdev_type\": \"i915-GVTg_V5_4\",\n  \"start\": \"manual\",\n  \"attrs\": []\n}\n");
}

TEST_CASE("A UUID defined on two parents is listed on both") {
  FixtureRoot root("multi-gpu");
  auto run = root.mdevctl({"list", "-d", "-u", "0e4b1a5e-0000-4000-8000-000000000002"});
  CHECK(run.out ==
        "0e4b1a5e-0000-4000-8000-000000000002 0000:05:00.0 nvidia-254 auto (active)\n"
        "0e4b1a5e-0000-4000-8000-000000000002 0000:07:00.0 nvidia-252 manual\n");
}

TEST_CASE("Bad files in etc/mdevctl.d are warnings naming the file - the rest is listed") {
  FixtureRoot root("broken");
  auto before = root.snapshot();
  auto run = root.mdevctl({"list", "-d"});
  CHECK(run.status == 0);
  CHECK(run.out == "a1b2c3d4-0000-4000-8000-000000000001 0000:00:02.0 i915-GVTg_V5_4 manual\n");
  // An upper-case file name is not ours either: never listed as its lower-case twin.
  for (const char* bad :
       {"not-a-uuid", "A1B2C3D4-0000-4000-8000-000000000006",
        "a1b2c3d4-0000-4000-8000-000000000002", "a1b2c3d4-0000-4000-8000-000000000003",
        "a1b2c3d4-0000-4000-8000-000000000004", "a1b2c3d4-0000-4000-8000-000000000005"}) {
    CAPTURE(bad);
    CHECK_THAT(run.err, match::Contains(std::string("Warning: ignoring ") + root.dir().string() +
                                        "/etc/mdevctl.d/0000:00:02.0/" + bad));
  }
  CHECK(blackbox::changes(before, root.snapshot()) == "");
}

TEST_CASE("With no mdev parent at all - list and types hint at the driver") {
  FixtureRoot root("");
  for (auto args : {std::vector<std::string>{"list"}, {"types"}}) {
    auto run = root.mdevctl(args);
    CHECK(run.status == 0);
    CHECK(run.out.empty());
    CHECK(run.err.find('\n') == run.err.size() - 1);
    CHECK_THAT(run.err, match::StartsWith("Hint: ") && match::Contains("i915.enable_gvt=1"));
  }
  CHECK(root.mdevctl({"list", "--dumpjson"}).out == "[]\n");
}

TEST_CASE("list refuses a malformed UUID") {
  FixtureRoot root("gvt-g");
  auto run = root.mdevctl({"list", "-u", "bogus"});
  CHECK(run.status != 0);
  CHECK(run.err == "Error: invalid UUID 'bogus'\n");
}

TEST_CASE("list skips active entries it cannot resolve - and still lists the rest") {
  FixtureRoot root("gvt-g");
  const std::string parent = "sys/devices/pci0000:00/0000:00:02.0/";
  // A device directory without mdev_type, and a link to nowhere.
  fs::create_directories(root.path(parent + "a0000000-0000-4000-8000-000000000001"));
  fs::create_directory_symlink(
      root.path(parent + "a0000000-0000-4000-8000-000000000001"),
      root.path("sys/bus/mdev/devices/a0000000-0000-4000-8000-000000000001"));
  fs::create_directory_symlink(
      root.path("nowhere"), root.path("sys/bus/mdev/devices/a0000000-0000-4000-8000-000000000002"));
  auto run = root.mdevctl({"list"});
  CHECK(run.status == 0);
  CHECK(run.out ==
        "83c32df7-d52e-4ec1-9668-1f3c7e4df107 0000:00:02.0 i915-GVTg_V5_8 auto (defined)\n"
        "85006552-1b4b-45ef-ad62-de05be9171df 0000:00:02.0 i915-GVTg_V5_4 manual\n");
  CHECK(run.err ==
        "Warning: ignoring device a0000000-0000-4000-8000-000000000001: its mdev_type cannot be "
        "resolved\n"
        "Warning: ignoring device a0000000-0000-4000-8000-000000000002: its mdev_type cannot be "
        "resolved\n");
}

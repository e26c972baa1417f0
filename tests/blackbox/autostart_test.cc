// SPDX-License-Identifier: LGPL-2.1-or-later
// start-parent-mdevs, what the udev rule runs, against the simulated kernel.
#include <filesystem>

#include "blackbox/harness.h"
#include "support/catch.h"

using blackbox::FixtureRoot;
using blackbox::SimulatedKernel;
namespace fs = std::filesystem;

TEST_CASE("start-parent-mdevs starts every auto device that is not running") {
  FixtureRoot root("vfio-ap");
  SimulatedKernel kernel(root);
  auto run = root.mdevctl({"start-parent-mdevs", "matrix"});
  CHECK(run.status == 0);
  CHECK(run.out.empty());
  CHECK(run.err == "matrix: 1 started, 1 already running, 0 failed\n");
  CHECK(root.wait_for_device("e2e73122-cc39-40ee-89eb-b0a47d334cae"));
  // 783e6dbb is manual
  CHECK_FALSE(fs::exists(root.path("sys/bus/mdev/devices/783e6dbb-ea0e-411f-94e2-717eaad438bf")));

  auto again = root.mdevctl({"start-parent-mdevs", "matrix"});
  CHECK(again.status == 0);
  CHECK(again.err == "matrix: 0 started, 2 already running, 0 failed\n");
}

TEST_CASE("A failing auto device is logged and skipped - the others start") {
  FixtureRoot root("gvt-g");
  SimulatedKernel kernel(root);
  // V5_8 has no instances left; add a startable auto device beside it.
  root.write("etc/mdevctl.d/0000:00:02.0/c0000000-0000-4000-8000-000000000001",
             "{\"mdev_type\":\"i915-GVTg_V5_4\",\"start\":\"auto\"}");
  root.write("etc/mdevctl.d/0000:00:02.0/c0000000-0000-4000-8000-000000000002",
             "{\"mdev_type\":\"i915-GVTg_V7\",\"start\":\"auto\"}");
  auto run = root.mdevctl({"start-parent-mdevs", "0000:00:02.0"}, "", {"MDEVCTL_TYPE_WAIT=0.2"});
  CHECK(run.status == 1);
  CHECK_THAT(run.err,
             match::Contains("Error: autostart of b0a3989f-8138-4d49-b63a-59db28ec8b48 failed: "
                             "no available instances of i915-GVTg_V5_8 on 0000:00:02.0\n"));
  CHECK_THAT(
      run.err,
      match::Contains("Error: autostart of c0000000-0000-4000-8000-000000000002 failed: "
                      "parent device '0000:00:02.0' does not support mdev type i915-GVTg_V7\n"));
  CHECK_THAT(run.err, match::Contains("0000:00:02.0: 1 started, 1 already running, 2 failed\n"));
  CHECK(root.wait_for_device("c0000000-0000-4000-8000-000000000001"));
}

TEST_CASE("start-parent-mdevs of a parent without definitions does nothing") {
  FixtureRoot root("gvt-g");
  auto before = root.snapshot();
  auto run = root.mdevctl({"start-parent-mdevs", "0000:99:00.0"});
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK(blackbox::changes(before, root.snapshot()) == "");
}

TEST_CASE("start-parent-mdevs on a passive root starts every auto device at once") {
  // What upstream's test roots and the benchmark roots are: nothing reacts to
  // a write, and an accepted write to `create` is the answer.
  FixtureRoot root("gvt-g");
  const std::string type_dir =
      "sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types/i915-GVTg_V5_4/";
  fs::remove_all(root.path("etc/mdevctl.d/0000:00:02.0"));
  for (const char* u :
       {"c0000000-0000-4000-8000-000000000001", "c0000000-0000-4000-8000-000000000002"}) {
    root.write(std::string("etc/mdevctl.d/0000:00:02.0/") + u,
               "{\"mdev_type\":\"i915-GVTg_V5_4\",\"start\":\"auto\"}");
  }
  root.write_script("usr/lib/mdevctl/scripts.d/notifiers/record",
                    "cat >/dev/null; echo \"$*\" >> $ROOT/log\n");
  auto run = root.mdevctl({"start-parent-mdevs", "0000:00:02.0"});
  CHECK(run.status == 0);
  CHECK(run.err == "0000:00:02.0: 2 started, 0 already running, 0 failed\n");
  // The last UUID written is the last one's, in UUID order.
  CHECK(root.read(type_dir + "create") == "c0000000-0000-4000-8000-000000000002");
  // Notifiers overlap, so their lines come in either order.
  std::string log = root.read("log");
  const std::string first =
      "-t i915-GVTg_V5_4 -e notify -a start -s success -u c0000000-0000-4000-8000-000000000001 -p "
      "0000:00:02.0\n";
  const std::string second =
      "-t i915-GVTg_V5_4 -e notify -a start -s success -u c0000000-0000-4000-8000-000000000002 -p "
      "0000:00:02.0\n";
  CHECK((log == first + second || log == second + first));
}

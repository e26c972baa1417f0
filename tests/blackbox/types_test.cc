// SPDX-License-Identifier: LGPL-2.1-or-later
#include "blackbox/harness.h"
#include "support/catch.h"

using blackbox::FixtureRoot;

TEST_CASE("types lists each parent's types with trimmed values") {
  FixtureRoot root("gvt-g");
  auto run = root.mdevctl({"types"});
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK(run.out ==
        "0000:00:02.0\n"
        "  i915-GVTg_V5_1\n"
        "    Available instances: 1\n"
        "    Device API: vfio-pci\n"
        "    Name: GVTg_V5_1\n"
        "    Description: low_gm_size: 512MB, high_gm_size: 2048MB, fence: 4, resolution: "
        "1920x1200, weight: 16\n"
        "  i915-GVTg_V5_2\n"
        "    Available instances: 1\n"
        "    Device API: vfio-pci\n"
        "    Name: GVTg_V5_2\n"
        "    Description: low_gm_size: 256MB, high_gm_size: 1024MB, fence: 4, resolution: "
        "1920x1200, weight: 8\n"
        "  i915-GVTg_V5_4\n"
        "    Available instances: 3\n"
        "    Device API: vfio-pci\n"
        "    Name: GVTg_V5_4\n"
        "    Description: low_gm_size: 128MB, high_gm_size: 512MB, fence: 4, resolution: "
        "1920x1200, weight: 4\n"
        "  i915-GVTg_V5_8\n"
        "    Available instances: 0\n"
        "    Device API: vfio-pci\n"
        "    Name: GVTg_V5_8\n"
        "    Description: low_gm_size: 64MB, high_gm_size: 384MB, fence: 4, resolution: 1024x768, "
        "weight: 2\n");
}

TEST_CASE("types --dumpjson leaves out an empty description") {
  FixtureRoot root("vfio-ccw");
  auto run = root.mdevctl({"types", "--dumpjson"});
  CHECK(run.out == R"J([
  {
    "0.0.26ab": [
      {
        "vfio_ccw-io": {
          "available_instances": 1,
          "device_api": "vfio-ccw",
          "name": "I/O subchannel (Non-QDIO)"
        }
      }
    ]
  }
]
)J");
}

TEST_CASE("types -p shows one parent - in byte order among eight") {
  FixtureRoot root("multi-gpu");
  auto all = root.mdevctl({"types"});
  CHECK(all.out.find("0000:03:00.0\n") == 0);
  CHECK(all.out.find("0000:0a:00.0\n") > all.out.find("0000:09:00.0\n"));
  auto one = root.mdevctl({"types", "--parent", "0000:06:00.0"});
  CHECK(one.out.find("0000:06:00.0\n  nvidia-251\n    Available instances: 16\n") == 0);
  CHECK(one.out.find("0000:07:00.0") == std::string::npos);
}

TEST_CASE("types -p of a parent that is not there prints nothing - and says why on stderr") {
  FixtureRoot root("multi-gpu");
  auto run = root.mdevctl({"types", "--parent", "0000:99:00.0"});
  CHECK(run.status == 0);
  CHECK(run.out.empty());
  CHECK(run.err == "Warning: no parent device 0000:99:00.0 supports mdev\n");
  auto json = root.mdevctl({"types", "--parent", "0000:99:00.0", "--dumpjson"});
  CHECK(json.out == "[]\n");
}

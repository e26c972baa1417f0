// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/format.h"

#include "support/catch.h"

using namespace mdev;

namespace {

ListedDevice listed(const char* uuid, const char* parent, DeviceConfig config, bool marked) {
  return ListedDevice{Device{*Uuid::parse(uuid), parent, std::move(config)}, marked};
}

}  // namespace

TEST_CASE("list text: one line per device with its marker") {
  std::vector<ListedDevice> devices{listed("83c32df7-d52e-4ec1-9668-1f3c7e4df107", "0000:00:02.0",
                                           {"i915-GVTg_V5_8", true, {}}, true),
                                    listed("85006552-1b4b-45ef-ad62-de05be9171df", "0000:00:02.0",
                                           {"i915-GVTg_V5_4", false, {}}, false)};
  CHECK(format_list_text(devices, ListKind::kActive, false) ==
        "83c32df7-d52e-4ec1-9668-1f3c7e4df107 0000:00:02.0 i915-GVTg_V5_8 auto (defined)\n"
        "85006552-1b4b-45ef-ad62-de05be9171df 0000:00:02.0 i915-GVTg_V5_4 manual\n");
  CHECK(format_list_text(devices, ListKind::kDefined, false).find("auto (active)\n") !=
        std::string::npos);
  CHECK(format_list_text({}, ListKind::kActive, true).empty());
}

TEST_CASE("list -v adds the attributes after the device line") {
  std::vector<ListedDevice> devices{listed(
      "783e6dbb-ea0e-411f-94e2-717eaad438bf", "matrix",
      {"vfio_ap-passthrough", false, {{"assign_adapter", "5"}, {"assign_domain", "0xab"}}}, false)};
  CHECK(format_list_text(devices, ListKind::kDefined, true) ==
        "783e6dbb-ea0e-411f-94e2-717eaad438bf matrix vfio_ap-passthrough manual\n"
        "  Attrs:\n"
        "    @{0}: {\"assign_adapter\":\"5\"}\n"
        "    @{1}: {\"assign_domain\":\"0xab\"}\n");
}

TEST_CASE("list --dumpjson groups devices by parent in one object") {
  std::vector<ListedDevice> devices{
      listed("00000000-0000-4000-8000-000000000001", "a", {"t1", false, {}}, false),
      listed("00000000-0000-4000-8000-000000000002", "a", {"t2", true, {{"k", "v"}}}, false),
      listed("00000000-0000-4000-8000-000000000003", "b", {"t3", false, {}}, false)};
  CHECK(format_list_json(devices, false) == R"([
  {
    "a": [
      {
        "00000000-0000-4000-8000-000000000001": {
          "mdev_type": "t1",
          "start": "manual",
          "attrs": []
        }
      },
      {
        "00000000-0000-4000-8000-000000000002": {
          "mdev_type": "t2",
          "start": "auto",
          "attrs": [
            {
              "k": "v"
            }
          ]
        }
      }
    ],
    "b": [
      {
        "00000000-0000-4000-8000-000000000003": {
          "mdev_type": "t3",
          "start": "manual",
          "attrs": []
        }
      }
    ]
  }
]
)");
  CHECK(format_list_json({}, false) == "[]\n");
  CHECK(format_list_json({}, true) == "[]\n");
  CHECK(format_list_json({devices[0]}, true) ==
        "{\n  \"mdev_type\": \"t1\",\n  \"start\": \"manual\",\n  \"attrs\": []\n}\n");
}

TEST_CASE("types text and JSON leave out an empty name and description") {
  std::vector<ParentTypes> parents{
      {"matrix", {{"vfio_ap-passthrough", 65534, "vfio-ap", "VFIO AP Passthrough Device", ""}}},
      {"p2", {{"t", 0, "vfio-pci", "", "a, b"}}}};
  CHECK(format_types_text(parents) ==
        "matrix\n"
        "  vfio_ap-passthrough\n"
        "    Available instances: 65534\n"
        "    Device API: vfio-ap\n"
        "    Name: VFIO AP Passthrough Device\n"
        "p2\n"
        "  t\n"
        "    Available instances: 0\n"
        "    Device API: vfio-pci\n"
        "    Description: a, b\n");
  CHECK(format_types_json(parents) == R"([
  {
    "matrix": [
      {
        "vfio_ap-passthrough": {
          "available_instances": 65534,
          "device_api": "vfio-ap",
          "name": "VFIO AP Passthrough Device"
        }
      }
    ],
    "p2": [
      {
        "t": {
          "available_instances": 0,
          "device_api": "vfio-pci",
          "description": "a, b"
        }
      }
    ]
  }
]
)");
  CHECK(format_types_json({}) == "[]\n");
}

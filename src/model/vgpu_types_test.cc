// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/vgpu_types.h"

#include "support/catch.h"

using namespace mdev;

TEST_CASE("creatable_vgpu_types: the header, padded rows, blank lines and junk") {
  CreatableVgpuTypes types = parse_creatable_vgpu_types(
      "ID    : vGPU Name\n"
      "1145  : NVIDIA L40S-1B\n"
      "1147  : NVIDIA L40S-1Q   \n"
      "\n"
      "  1414 :NVIDIA H200X-1-18C\n"
      "garbage\n"
      "0     : NVIDIA none\n"
      "12x   : NVIDIA L40S-2Q\n"
      "1150  :\n");
  REQUIRE(types.rows.size() == 3);
  CHECK(types.rows[0].id == 1145);
  CHECK(types.rows[0].name == "NVIDIA L40S-1B");
  CHECK(types.rows[1].name == "NVIDIA L40S-1Q");
  CHECK(types.rows[2].id == 1414);
  CHECK(types.rows[2].name == "NVIDIA H200X-1-18C");
  CHECK(types.skipped == std::vector<std::string>{"garbage", "0     : NVIDIA none",
                                                  "12x   : NVIDIA L40S-2Q", "1150  :"});
}

TEST_CASE("creatable_vgpu_types: a full GPU shows the header only; no file text is no rows") {
  CHECK(parse_creatable_vgpu_types("ID    : vGPU Name\n").rows.empty());
  CHECK(parse_creatable_vgpu_types("ID    : vGPU Name\n").skipped.empty());
  CHECK(parse_creatable_vgpu_types("").rows.empty());
  // Only the first line can be the header.
  CHECK(parse_creatable_vgpu_types("1147 : NVIDIA L40S-1Q\nID : x\n").skipped ==
        std::vector<std::string>{"ID : x"});
}

TEST_CASE("vGPU type ids: current_vgpu_type and the nvidia-<id> names") {
  CHECK(parse_vgpu_id("1147\n") == 1147ul);
  CHECK(parse_vgpu_id("0\n") == 0ul);
  CHECK_FALSE(parse_vgpu_id(""));
  CHECK_FALSE(parse_vgpu_id("-1"));
  CHECK_FALSE(parse_vgpu_id("11 47"));
  CHECK(vgpu_type_name(1147) == "nvidia-1147");
  CHECK(vgpu_type_id("nvidia-1147") == 1147ul);
  CHECK_FALSE(vgpu_type_id("nvidia-01147"));
  CHECK_FALSE(vgpu_type_id("nvidia-0"));
  CHECK_FALSE(vgpu_type_id("nvidia- 1147"));
  CHECK_FALSE(vgpu_type_id("nvidia-"));
  CHECK_FALSE(vgpu_type_id("i915-GVTg_V5_4"));
  CHECK_FALSE(vgpu_type_id("nvidia-99999999999999999999999"));
}

TEST_CASE("A vGPU set outside mdevctl gets the UUID v5 of its VF's address in our namespace") {
  // The values of Python's uuid.uuid5(UUID(kVgpuUuidNamespace), address).
  CHECK(vgpu_uuid_of("0000:41:00.7").str() == "f34ce611-06f3-5b89-a275-65a57e97f3d4");
  CHECK(vgpu_uuid_of("0000:41:00.4").str() == "654e1583-3c42-56c2-8c97-9363cfa7c2ff");
}

TEST_CASE("creatable_vgpu_types: the upstream driver's rows have no header; empty is none") {
  CreatableVgpuTypes types = parse_creatable_vgpu_types("1150  : NVIDIA L40S-4Q\n");
  REQUIRE(types.rows.size() == 1);
  CHECK(types.rows[0].id == 1150);
  CHECK(types.rows[0].name == "NVIDIA L40S-4Q");
  CHECK(types.skipped.empty());
  CHECK(parse_creatable_vgpu_types("").rows.empty());
  CHECK(parse_creatable_vgpu_types("").skipped.empty());
}

TEST_CASE("MIG-backed type names: a GPU instance profile in the last word") {
  CHECK(is_mig_backed_name("NVIDIA H200X-1-18C"));
  CHECK(is_mig_backed_name("NVIDIA A100-2-10C"));
  CHECK(is_mig_backed_name("GRID A100-7-40C"));
  CHECK_FALSE(is_mig_backed_name("NVIDIA H200X-141C"));
  CHECK_FALSE(is_mig_backed_name("NVIDIA L40S-1Q"));
  CHECK_FALSE(is_mig_backed_name("NVIDIA RTX Pro 6000 Blackwell DC-3Q"));
  CHECK_FALSE(is_mig_backed_name("NVIDIA X-A-1C"));
  CHECK_FALSE(is_mig_backed_name(""));
}

TEST_CASE("The vGPU drivers: NVIDIA's R5xx and the upstream one") {
  CHECK(is_vgpu_driver("nvidia"));
  CHECK(is_vgpu_driver("nvidia-vgpu-vfio"));
  CHECK_FALSE(is_vgpu_driver("vfio-pci"));
  CHECK_FALSE(is_vgpu_driver(""));
}

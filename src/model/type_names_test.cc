// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/type_names.h"

#include "model/error.h"
#include "support/catch.h"

using namespace mdev;

namespace {
TypeInfo type(const std::string& id, const std::string& name) {
  TypeInfo info;
  info.id = id;
  info.name = name;
  return info;
}
}  // namespace

TEST_CASE("Type names: case, and NVIDIA's or GRID's prefix, do not matter") {
  CHECK(names_type("L40S-1Q", "NVIDIA L40S-1Q"));
  CHECK(names_type("l40s-1q", "NVIDIA L40S-1Q"));
  CHECK(names_type("NVIDIA L40S-1Q", "NVIDIA L40S-1Q"));
  CHECK(names_type("GRID T4-1Q", "T4-1Q"));
  CHECK(names_type("t4-1q", "GRID T4-1Q"));
  CHECK_FALSE(names_type("L40S-1", "NVIDIA L40S-1Q"));
  CHECK_FALSE(names_type("", ""));
  CHECK_FALSE(names_type("NVIDIA", "NVIDIA L40S-1Q"));
}

TEST_CASE("Type names: an id is kept, one name is its id, several are an error") {
  std::vector<TypeInfo> types = {type("nvidia-1145", "NVIDIA L40S-1B"),
                                 type("nvidia-1147", "NVIDIA L40S-1Q"),
                                 type("nvidia-63", "GRID M60-1Q"), type("nvidia-64", "M60-1Q")};
  CHECK(type_meant("nvidia-1147", types, "P") == "nvidia-1147");
  CHECK(type_meant("L40S-1Q", types, "P") == "nvidia-1147");
  CHECK(type_meant("unknown-type", types, "P") == "unknown-type");  // start says what is wrong
  CHECK_THROWS_AS(type_meant("M60-1Q", types, "P"), Error);
  CHECK_THROWS_WITH(type_meant("m60-1q", types, "P"),
                    "type name 'm60-1q' is ambiguous on parent P: it names nvidia-63 (GRID "
                    "M60-1Q), nvidia-64 (M60-1Q); give the type id");
  // A type listed twice (two rows of one id) is one candidate.
  types.push_back(type("nvidia-1147", "NVIDIA L40S-1Q"));
  CHECK(type_meant("L40S-1Q", types, "P") == "nvidia-1147");
}

TEST_CASE("Type names: the forms people type - last word, underscores, a hex id") {
  const std::string blackwell = "NVIDIA RTX Pro 6000 Blackwell DC-3Q";
  CHECK(names_type("DC-3Q", blackwell));  // as NVIDIA's own tools shorten it
  CHECK(names_type("dc-3q", blackwell));
  CHECK(names_type("RTX_Pro_6000_Blackwell_DC-3Q", blackwell));
  CHECK(names_type("NVIDIA_H200X-141C", "NVIDIA H200X-141C"));  // as KubeVirt names resources
  CHECK(names_type("H200X-141C", "NVIDIA H200X-141C"));
  CHECK_FALSE(names_type("Blackwell", blackwell));
  CHECK_FALSE(names_type("DC-3", blackwell));
  CHECK(hex_vgpu_type("0x5ef") == "nvidia-1519");
  CHECK(hex_vgpu_type("0x5EF") == "nvidia-1519");
  CHECK(hex_vgpu_type("0x").empty());
  CHECK(hex_vgpu_type("0x0").empty());
  CHECK(hex_vgpu_type("0x5eg").empty());
  CHECK(hex_vgpu_type("5ef").empty());

  std::vector<TypeInfo> types = {type("nvidia-1517", blackwell),
                                 type("nvidia-1518", "NVIDIA RTX Pro 6000 Blackwell DC-4Q"),
                                 type("nvidia-1519", "NVIDIA RTX Pro 6000 Blackwell DC-8Q")};
  CHECK(type_meant("DC-3Q", types, "P") == "nvidia-1517");
  CHECK(type_meant("0x5ef", types, "P") == "nvidia-1519");
  CHECK(type_meant("0x5f0", types, "P") == "0x5f0");  // no such type: kept, start says so
  // A last word two types share names neither: the candidates are listed.
  types.push_back(type("nvidia-1600", "NVIDIA A40 DC-3Q"));
  CHECK_THROWS_WITH(type_meant("DC-3Q", types, "P"),
                    "type name 'DC-3Q' is ambiguous on parent P: it names nvidia-1517 (NVIDIA RTX "
                    "Pro 6000 Blackwell DC-3Q), nvidia-1600 (NVIDIA A40 DC-3Q); give the type id");
}

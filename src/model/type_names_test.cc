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

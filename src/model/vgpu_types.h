#pragma once
// NVIDIA's vGPU files of a VF (behaviour.md section 11), as text: the rows
// of `nvidia/creatable_vgpu_types`, the id of `nvidia/current_vgpu_type`,
// and the names mdevctl gives them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/uuid.h"

namespace mdev {

// One row of creatable_vgpu_types: "1147  : NVIDIA L40S-1Q".
struct VgpuTypeRow {
  unsigned long id = 0;
  std::string name;
};

struct CreatableVgpuTypes {
  std::vector<VgpuTypeRow> rows;  // in the file's order
  // Lines that are neither the header nor a row, as they were (trimmed).
  std::vector<std::string> skipped;
};

// The header line (`ID    : vGPU Name`) and blank lines are not rows; a
// full GPU shows the header only.
CreatableVgpuTypes parse_creatable_vgpu_types(std::string_view text);

// A decimal id with nothing else but surrounding blanks; nullopt otherwise.
std::optional<unsigned long> parse_vgpu_id(std::string_view text);

// The mdev-era type name of an id, the name definitions use: "nvidia-1147".
std::string vgpu_type_name(unsigned long id);
// The id in "nvidia-<id>"; nullopt for any other name.
std::optional<unsigned long> vgpu_type_id(std::string_view type);

// The UUID a vGPU gets that mdevctl did not start (or whose record a reboot
// wiped): version 5 of the VF's address in kVgpuUuidNamespace, so the same
// VF always shows the same UUID and `define -u` can adopt it.
inline constexpr std::string_view kVgpuUuidNamespace = "9d1c0f4e-6b1e-4f0a-9a57-3c1f7e2b8d40";
Uuid vgpu_uuid_of(std::string_view vf_address);

}  // namespace mdev

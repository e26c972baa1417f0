// SPDX-License-Identifier: LGPL-2.1-or-later
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

// The drivers that bind a VF with the vGPU files (section 11.1): NVIDIA's
// R5xx product driver and the upstream nova-core one. A VF is a parent by
// its files, not by its driver; these say where to find the bound ones and
// which binds to look at.
inline constexpr std::string_view kVgpuDrivers[] = {"nvidia", "nvidia-vgpu-vfio"};
bool is_vgpu_driver(std::string_view driver);

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

// Whether a type's name is that of a MIG-backed vGPU: its last word names a
// GPU instance profile, `<card>-<slices>-<framebuffer><class>` (H200X-1-18C,
// A100-2-10C), where a time-sliced one is `<card>-<framebuffer><class>`.
bool is_mig_backed_name(std::string_view name);

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

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// NVIDIA's catalogue of vGPU types, usr/share/nvidia/vgpu/vgpuConfig.xml,
// which the vGPU manager package installs: the name of each type id, also
// of types that no VF can create right now.
#include <map>
#include <string>
#include <string_view>

namespace mdev {

// The id and name of every <vgpuType id="1147" name="NVIDIA L40S-1Q"> in
// the document. Throws mdev::Error when the XML is not well-formed.
std::map<unsigned long, std::string> parse_vgpu_catalogue(std::string_view xml);

}  // namespace mdev

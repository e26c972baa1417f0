// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Types by name (behaviour.md section 11): `-t L40S-1Q` for the type whose
// name is "NVIDIA L40S-1Q", on any parent, in the forms people type: as
// NVIDIA's tools shorten it (`DC-3Q`), as KubeVirt names resources
// (`NVIDIA_H200X-141C`), and the id as `nvidia-smi vgpu` prints it (`0x5ef`).
#include <string>
#include <vector>

#include "model/device.h"

namespace mdev {

// What `given` names among a parent's `types`: itself when it is a type id
// there or names none of them; the id of the one type that it names, by
// names_type or as a hex id. Throws mdev::Error, listing the candidates,
// when it names several.
std::string type_meant(const std::string& given, const std::vector<TypeInfo>& types,
                       const std::string& parent);

// Whether `given` names `name`: without case, `_` standing for a space, as
// the whole name, the name without a leading "NVIDIA " or "GRID " (on
// either side), or the name's last word.
bool names_type(const std::string& given, const std::string& name);

// "nvidia-1519" for "0x5ef" (`0x` and hex digits, as `nvidia-smi vgpu`
// prints ids); empty for anything else.
std::string hex_vgpu_type(const std::string& given);

}  // namespace mdev

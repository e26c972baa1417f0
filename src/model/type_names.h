#pragma once
// Types by name (behaviour.md section 11): `-t L40S-1Q` for the type whose
// name is "NVIDIA L40S-1Q", on any parent.
#include <string>
#include <vector>

#include "model/device.h"

namespace mdev {

// What `given` names among a parent's `types`: itself when it is a type id
// there or names none of them; the id of the one type whose name it is
// (without case, a leading "NVIDIA " or "GRID " left out on either side).
// Throws mdev::Error, listing the candidates, when it names several.
std::string type_meant(const std::string& given, const std::vector<TypeInfo>& types,
                       const std::string& parent);

// Whether `given` names `name` by that rule.
bool names_type(const std::string& given, const std::string& name);

}  // namespace mdev

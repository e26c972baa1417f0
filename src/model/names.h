#pragma once
#include <string_view>

namespace mdev {

// Parent, type and attribute names become path components under the root.
// These refuse anything that could step outside its directory.
void check_parent_name(std::string_view name);
void check_type_name(std::string_view name);
void check_attribute_name(std::string_view name);

}  // namespace mdev

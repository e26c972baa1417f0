// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/type_names.h"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "model/error.h"
#include "model/names.h"

namespace mdev {
namespace {

// Lower case, `_` as a space.
std::string plain(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '_') c = ' ';
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::string without_vendor(std::string name) {
  for (std::string_view vendor : {"nvidia ", "grid "}) {
    if (name.compare(0, vendor.size(), vendor) == 0) return name.substr(vendor.size());
  }
  return name;
}

}  // namespace

bool names_type(const std::string& given, const std::string& name) {
  if (name.empty() || given.empty()) return false;
  const std::string wanted = without_vendor(plain(given));
  const std::string full = without_vendor(plain(name));
  return wanted == full || wanted == full.substr(full.find_last_of(' ') + 1);
}

std::string hex_vgpu_type(const std::string& given) {
  if (given.size() < 3 || given.size() > 10 || given.compare(0, 2, "0x") != 0) return "";
  unsigned long id = 0;
  auto [end, ec] = std::from_chars(given.data() + 2, given.data() + given.size(), id, 16);
  if (ec != std::errc() || end != given.data() + given.size() || id == 0) return "";
  return "nvidia-" + std::to_string(id);
}

std::string type_meant(const std::string& given, const std::vector<TypeInfo>& types,
                       const std::string& parent) {
  auto is_id = [&](const TypeInfo& type) { return type.id == given; };
  if (std::any_of(types.begin(), types.end(), is_id)) return given;
  if (std::string hex = hex_vgpu_type(given); !hex.empty()) {
    auto is_hex_id = [&](const TypeInfo& type) { return type.id == hex; };
    if (std::any_of(types.begin(), types.end(), is_hex_id)) return hex;
  }
  std::vector<const TypeInfo*> named;
  for (const TypeInfo& type : types) {
    bool seen = std::any_of(named.begin(), named.end(),
                            [&](const TypeInfo* other) { return other->id == type.id; });
    if (!seen && names_type(given, type.name)) named.push_back(&type);
  }
  if (named.empty()) return given;
  if (named.size() == 1) return named.front()->id;
  std::string candidates;
  for (const TypeInfo* type : named) {
    candidates += (candidates.empty() ? "" : ", ") + type->id + " (" + type->name + ")";
  }
  throw Error("type name " + quoted_for_error(given) + " is ambiguous on parent " + parent +
              ": it names " + candidates + "; give the type id");
}

}  // namespace mdev

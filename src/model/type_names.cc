#include "model/type_names.h"

#include <algorithm>
#include <string_view>

#include "model/error.h"
#include "model/names.h"

namespace mdev {
namespace {

std::string folded(std::string_view name) {
  std::string out;
  for (char c : name) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (std::string_view vendor : {"nvidia ", "grid "}) {
    if (out.compare(0, vendor.size(), vendor) == 0) return out.substr(vendor.size());
  }
  return out;
}

}  // namespace

bool names_type(const std::string& given, const std::string& name) {
  return !name.empty() && folded(given) == folded(name);
}

std::string type_meant(const std::string& given, const std::vector<TypeInfo>& types,
                       const std::string& parent) {
  auto is_id = [&](const TypeInfo& type) { return type.id == given; };
  if (std::any_of(types.begin(), types.end(), is_id)) return given;
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

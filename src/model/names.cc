#include "model/names.h"

#include <string>

#include "model/error.h"

namespace mdev {
namespace {

void check_path_component(std::string_view what, std::string_view name) {
  std::string shown(name);
  if (name.empty()) throw Error(std::string(what) + " name must not be empty");
  if (name.find('\0') != std::string_view::npos) {
    throw Error(std::string(what) + " name must not contain a NUL byte");
  }
  if (name.find('/') != std::string_view::npos) {
    throw Error("invalid " + std::string(what) + " name '" + shown + "': must not contain '/'");
  }
  if (name == "." || name == "..") {
    throw Error("invalid " + std::string(what) + " name '" + shown + "'");
  }
}

}  // namespace

void check_parent_name(std::string_view name) {
  check_path_component("parent", name);
  // Call-out scripts live here; it can never be a parent device.
  if (name == "scripts.d") throw Error("invalid parent name 'scripts.d': reserved");
}

void check_type_name(std::string_view name) { check_path_component("type", name); }

void check_attribute_name(std::string_view name) { check_path_component("attribute", name); }

}  // namespace mdev

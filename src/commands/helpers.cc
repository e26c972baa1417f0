// SPDX-License-Identifier: LGPL-2.1-or-later
#include "commands/helpers.h"

#include <cerrno>

#include "engine/parent_kind.h"
#include "io/file_util.h"
#include "model/names.h"

namespace mdev {

std::optional<Uuid> parse_optional_uuid(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return Uuid::parse_or_throw(*text);
}

void check_optional_parent(const std::optional<std::string>& parent) {
  if (parent) check_parent_name(*parent);
}

DeviceConfig read_config_file(const std::string& path) {
  auto text = read_file(path, FileKind::kStream);
  if (!text) throw Error("cannot read " + path + ": " + read_error_text(errno));
  return parse_config(*text, path);
}

std::optional<Device> find_single_definition(const Context& ctx, const Uuid& uuid,
                                             const std::optional<std::string>& parent) {
  std::vector<std::string> skipped;
  auto found = ctx.store.find(uuid, parent, &skipped);
  log_warnings(ctx, skipped);
  if (found.empty()) return std::nullopt;
  if (found.size() > 1) {
    std::string parents;
    for (const auto& device : found) parents += (parents.empty() ? "" : ", ") + device.parent;
    throw Error("device " + uuid.str() + " is defined on several parents (" + parents +
                "): specify one with --parent");
  }
  return found.front();
}

std::string type_meant_on(const Context& ctx, const std::string& parent, const std::string& given) {
  if (!ctx.sysfs.parent_has_types(parent)) return given;
  return parent_kind(ctx, parent).type_meant(ctx, parent, given);
}

void log_warnings(const Context& ctx, const std::vector<std::string>& warnings) {
  for (const auto& warning : warnings) ctx.log.warn(warning);
}

void hint_no_parents(Context& ctx) {
  ctx.log.hint(
      "no mdev-capable parent device found: the vendor driver is not loaded or not in mdev "
      "mode (e.g. i915.enable_gvt=1 for Intel GVT-g)");
}

}  // namespace mdev

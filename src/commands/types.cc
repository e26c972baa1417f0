// SPDX-License-Identifier: LGPL-2.1-or-later
// types: the mdev types each parent offers, as text or JSON.
#include <algorithm>
#include <map>

#include "commands/commands.h"
#include "commands/helpers.h"
#include "engine/parent_kind.h"
#include "io/parallel.h"
#include "model/format.h"

namespace mdev {
namespace {

// A VF that holds a vGPU no longer lists its type's row; a sibling's row,
// read in the same command, still names it.
void name_held_types(const Context& ctx, std::vector<ParentTypes>& parents) {
  std::map<std::string, std::string> names;
  for (const auto& parent : parents) {
    for (const auto& type : parent.types) {
      if (!type.name.empty()) names.emplace(type.id, type.name);
    }
  }
  for (auto& parent : parents) {
    auto unnamed = [](const TypeInfo& type) { return type.name.empty(); };
    if (std::none_of(parent.types.begin(), parent.types.end(), unnamed)) continue;
    if (!parent_kind(ctx, parent.parent).types_named_by_siblings()) continue;
    for (auto& type : parent.types) {
      if (auto name = names.find(type.id); type.name.empty() && name != names.end())
        type.name = name->second;
    }
  }
}

}  // namespace

asio::awaitable<std::string> execute(Context& ctx, TypesRequest request) {
  check_optional_parent(request.parent);
  std::vector<std::string> names = ctx.sysfs.parents();
  if (names.empty()) hint_no_parents(ctx);
  if (request.parent) {
    std::erase_if(names, [&](auto& name) { return name != *request.parent; });
    // The output stays empty, as upstream's; the warning says why.
    if (names.empty()) ctx.log.warn("no parent device " + *request.parent + " supports mdev");
  }
  std::vector<ParentTypes> parents(names.size());
  std::vector<std::vector<std::string>> unreadable(names.size());
  // Each type is five small files: read the parents side by side.
  co_await for_each_in_parallel(
      ctx.runtime.workers(), names.size(),
      [&](size_t i) {
        parents[i] = ParentTypes{names[i], ctx.sysfs.types(names[i], &unreadable[i])};
      },
      /*inline_below=*/4);
  // One broken type (a driver's bad count) does not hide every other one.
  for (const auto& reasons : unreadable) {
    for (const auto& reason : reasons) ctx.log.warn("ignoring a type: " + reason);
  }
  name_held_types(ctx, parents);
  co_return request.dumpjson ? format_types_json(parents) : format_types_text(parents);
}

}  // namespace mdev

// types: the mdev types each parent offers, as text or JSON.
#include "commands/commands.h"
#include "commands/helpers.h"
#include "model/format.h"

namespace mdev {

asio::awaitable<std::string> types_command(Context& ctx, TypesRequest request) {
  check_optional_parent(request.parent);
  std::vector<std::string> names = ctx.sysfs.parents();
  if (names.empty()) hint_no_parents(ctx);
  std::vector<ParentTypes> parents;
  for (auto& parent : names) {
    if (request.parent && *request.parent != parent) continue;
    parents.push_back(ParentTypes{parent, ctx.sysfs.types(parent)});
  }
  co_return request.dumpjson ? format_types_json(parents) : format_types_text(parents);
}

}  // namespace mdev

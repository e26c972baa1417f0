// types: the mdev types each parent offers, as text or JSON.
#include "commands/commands.h"
#include "commands/helpers.h"
#include "io/parallel.h"
#include "model/format.h"

namespace mdev {

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
  for_each_in_parallel(
      names.size(),
      [&](size_t i) {
        parents[i] = ParentTypes{names[i], ctx.sysfs.types(names[i], &unreadable[i])};
      },
      /*inline_below=*/4);
  // One broken type (a driver's bad count) does not hide every other one.
  for (const auto& reasons : unreadable) {
    for (const auto& reason : reasons) ctx.log.warn("ignoring a type: " + reason);
  }
  co_return request.dumpjson ? format_types_json(parents) : format_types_text(parents);
}

}  // namespace mdev

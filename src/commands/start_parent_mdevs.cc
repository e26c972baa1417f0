// start-parent-mdevs: what the udev rule runs when a parent registers with
// mdev: start every `auto` device defined for it that is not running yet.
// With --all, for every parent present that has definitions.
#include "commands/commands.h"
#include "commands/usage.h"
#include "engine/autostart.h"
#include "model/names.h"

namespace mdev {

asio::awaitable<std::string> execute(Context& ctx, StartParentRequest request) {
  check_usage(request);  // also checked by the CLI, before anything is read
  std::vector<std::string> parents = request.parents;
  if (request.all) parents = ctx.sysfs.parents();
  for (const auto& parent : parents) check_parent_name(parent);

  std::vector<AutostartTally> tallies = co_await autostart_parents(ctx, parents);
  unsigned failed = 0;
  for (const auto& t : tallies) {
    ctx.log.summary(summary_line(t));
    failed += t.failed;
  }
  if (failed > 0) {
    throw Error("autostart of " + std::to_string(failed) + " device(s)" +
                (tallies.size() == 1 ? " on " + tallies.front().parent : std::string()) +
                " failed");
  }
  co_return "";
}

}  // namespace mdev

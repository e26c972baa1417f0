// SPDX-License-Identifier: LGPL-2.1-or-later
// start-parent-mdevs: what the udev rule runs when a parent registers with
// mdev: start every `auto` device defined for it that is not running yet.
// With --all, for every parent present that has definitions.
#include "commands/commands.h"
#include "commands/usage.h"
#include "engine/autostart.h"
#include "engine/sriov_enable.h"
#include "model/names.h"

namespace mdev {

asio::awaitable<std::string> execute(Context& ctx, StartParentRequest request) {
  check_usage(request);  // also checked by the CLI, before anything is read
  std::vector<std::string> parents = request.parents;
  if (request.all) parents = ctx.sysfs.parents();
  for (const auto& parent : parents) check_parent_name(parent);

  // A PF first gets its VFs (behaviour.md 11.3); they come back as parents
  // of their own when they bind.
  unsigned pfs_failed = 0;
  std::vector<std::string> pfs = request.all ? ctx.sysfs.sriov().pfs() : parents;
  for (const auto& pf : pfs) {
    SriovStep step = co_await enable_vfs_for_definitions(ctx, pf);
    if (step.outcome == SriovStep::Outcome::kFailed) ++pfs_failed;
  }
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
  if (pfs_failed > 0)
    throw Error("enabling SR-IOV failed on " + std::to_string(pfs_failed) + " PF(s)");
  co_return "";
}

}  // namespace mdev

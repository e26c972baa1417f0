// SPDX-License-Identifier: LGPL-2.1-or-later
// stop: remove a running device; its definition, if any, stays.
#include <algorithm>

#include "commands/commands.h"
#include "commands/helpers.h"
#include "engine/parent_kind.h"
#include "engine/pipeline.h"
#include "io/process_table.h"

namespace mdev {
namespace {

// The kernel blocks `remove`, uninterruptibly, while a VM holds the device.
// A held group cannot be opened (EBUSY), but libvirt opens it itself as its
// own in-use test and keeps it open while it runs `mdevctl stop`: a hold by
// mdevctl's own chain of callers is the caller, never a VM.
void refuse_if_in_use(const Context& ctx, const ActiveDevice& device) {
  auto group = ctx.sysfs.vfio_group_in_use(device);
  if (!group) return;
  auto chain = own_process_chain();
  bool held_by_caller = false;
  std::string others;
  for (const auto& holder : processes_holding(group->node)) {
    if (std::find(chain.begin(), chain.end(), holder.pid) != chain.end()) {
      held_by_caller = true;
      continue;
    }
    others += (others.empty() ? "" : ", ") + describe(holder);
  }
  if (others.empty() && held_by_caller) return;
  if (others.empty()) others = "a process mdevctl cannot see";
  throw Error("device " + device.uuid.str() + " is in use (" + group->description() +
              " is open by " + others + ")");
}

}  // namespace

asio::awaitable<std::string> execute(Context& ctx, StopRequest request) {
  Uuid uuid = Uuid::parse_or_throw(request.uuid);
  auto active = ctx.sysfs.active_device(uuid);
  if (!active) throw Error("device " + uuid.str() + " is not running");

  Device device{uuid, active->parent, {}};
  if (auto defined = ctx.store.find(uuid, active->parent); !defined.empty()) {
    device.config = defined.front().config;
  }
  device.config.type = active->type;
  refuse_if_in_use(ctx, *active);

  co_await run_device_pipeline(ctx, Action::kStop, device,
                               parent_kind(ctx, active->parent).remove(ctx, *active));
  co_return "";
}

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/device_start.h"

#include <algorithm>
#include <cctype>

#include "engine/parent_kind.h"

namespace mdev {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string near_miss_hint(const Context& ctx, const std::string& parent) {
  for (const auto& name : ctx.sysfs.parents()) {
    if (lower(name) == lower(parent)) return ". Did you mean '" + name + "'?";
  }
  return "";
}

}  // namespace

void check_startable(const Context& ctx, const Device& device) {
  const std::string& parent = device.parent;
  if (auto running = ctx.sysfs.active_device(device.uuid)) {
    throw Error("device " + device.uuid.str() + " is already running on parent " + running->parent);
  }
  if (!ctx.sysfs.parent_exists(parent)) {
    // Upstream's words, which its tests and scripts match.
    throw Error("Unable to find parent device '" + parent + "'" + near_miss_hint(ctx, parent));
  }
  parent_kind(ctx, parent).check_startable(ctx, device);
}

asio::awaitable<void> start_device(Context& ctx, const Device& device, PipelineRules& rules) {
  check_startable(ctx, device);
  co_await run_device_pipeline(ctx, Action::kStart, device,
                               parent_kind(ctx, device.parent).create(ctx, device), rules);
}

}  // namespace mdev

#pragma once
#include <asio/awaitable.hpp>
#include <functional>

#include "engine/context.h"

namespace mdev {

// Checks that `device` can start (parent, type, free instances, not running)
// and throws saying why not.
void check_startable(const Context& ctx, const Device& device);

// Where autostart joins one device's start to the others' (behaviour.md
// section 7); a lone `start` needs none of them.
struct StartHooks {
  // Awaited right before the first sysfs write: the parent's writes go one
  // device at a time.
  std::function<asio::awaitable<void>()> before_writes;
  // Called when this device's writes are over, done or failed.
  std::function<void()> after_writes;
  // Called when the call-out script's part is over (see run_device_pipeline).
  std::function<void()> before_notifiers;
};

// The start pipeline for one device: create it, and when it has attributes
// wait (bounded) for its directory and write them in order; a failed
// attribute removes it again.
asio::awaitable<void> start_device(Context& ctx, const Device& device, StartHooks hooks = {});

}  // namespace mdev

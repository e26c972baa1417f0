#pragma once
#include <asio/awaitable.hpp>

#include "engine/context.h"

namespace mdev {

// Checks that `device` can start (parent, type, free instances, not running)
// and throws saying why not.
void check_startable(const Context& ctx, const Device& device);

// The start pipeline for one device: create it, wait for the kernel to show
// it, write its attributes in order; a failed attribute removes it again.
asio::awaitable<void> start_device(Context& ctx, const Device& device);

}  // namespace mdev

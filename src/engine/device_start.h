// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <asio/awaitable.hpp>

#include "engine/context.h"
#include "engine/pipeline.h"

namespace mdev {

// Checks that `device` can start (parent, type, free instances, not running)
// and throws saying why not.
void check_startable(const Context& ctx, const Device& device);

// The start pipeline for one device, around its parent kind's create.
// Autostart passes the rules that join it to the other devices' pipelines.
asio::awaitable<void> start_device(Context& ctx, const Device& device,
                                   PipelineRules& rules = no_rules());

}  // namespace mdev

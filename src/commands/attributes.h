// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <asio/awaitable.hpp>
#include <vector>

#include "engine/context.h"

namespace mdev {

// Asks the `get`/`attributes` call-out of a running device for its attributes.
// Returns nothing when no script answers; throws on failure or bad output.
asio::awaitable<std::optional<std::vector<Attribute>>> attributes_from_callout(
    Context& ctx, const Device& device);

// For `list`: the same for many devices at once; failures are ignored.
asio::awaitable<void> fill_attributes_from_callouts(Context& ctx,
                                                    std::vector<ListedDevice>& devices);

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// define --count: N definitions at once on the free VFs of an SR-IOV PF
// (behaviour.md 11.2), as sites think of a GPU ("4 x L40S-12Q on this
// GPU"); VFs not enabled yet included, in VF order; all or nothing.
#include <asio/awaitable.hpp>
#include <string>

#include "commands/requests.h"
#include "engine/context.h"

namespace mdev {

// Prints the new UUIDs, one a line.
asio::awaitable<std::string> define_on_free_vfs(Context& ctx, DefineRequest request);

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Locks between mdevctl processes (io/run_lock.h), waited for on the loop
// with a deadline: a wait that runs out says who holds the lock.
#include <asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "engine/context.h"
#include "io/run_lock.h"

namespace mdev {

// `what` names the lock in the error ("the definitions").
asio::awaitable<std::unique_ptr<RunLock>> wait_for_run_lock(const Root& root, std::string name,
                                                            std::string what,
                                                            std::chrono::milliseconds limit);

// The definitions in etc/mdevctl.d, from the read to the write of one
// change, never across a call-out (a pre may itself run mdevctl): held for
// milliseconds, so a wait of 10 s means something is wrong.
asio::awaitable<std::unique_ptr<RunLock>> lock_definitions(const Context& ctx);

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <asio/awaitable.hpp>
#include <cstddef>
#include <functional>

namespace mdev {

class WorkerThreads;

// Runs work(0..count-1) on the worker threads and the caller's: reading thousands of small files
// (definitions, sysfs attributes) is syscall-bound, and the syscalls for different files run in
// parallel in the kernel. Fewer than `inline_below` items run at once on
// the caller's thread only. When the caller runs out of items it suspends
// until the helpers still inside are done (the loop thread never blocks on
// them), and it never waits for a helper queued behind a stuck call. The
// first exception thrown by `work` is rethrown.
asio::awaitable<void> for_each_in_parallel(WorkerThreads& workers, size_t count,
                                           std::function<void(size_t)> work,
                                           size_t inline_below = 64);

}  // namespace mdev

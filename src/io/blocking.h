// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Calls that may block in the kernel (a flock another process holds, a
// sysfs write the driver sits on) run on the session's worker threads,
// never on the event loop's thread; the awaiting coroutine resumes on its
// own executor with the call's result or exception.
#include <asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <string>

namespace mdev {

class WorkerThreads;

// After `limit` (on async::Clock) the coroutine stops waiting and throws
// mdev::Error("<what> did not finish within N s"). The call may still be
// running then: `call` owns copies of what it uses. A call that has not
// started when its caller stops waiting never starts.
asio::awaitable<void> run_on_io_threads(WorkerThreads& workers, std::function<void()> call,
                                        std::chrono::milliseconds limit, std::string what);

}  // namespace mdev

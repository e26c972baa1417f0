#pragma once
#include <asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <string>

namespace mdev {

// Polls `ready` every few milliseconds until it is true or `limit` passes;
// returns whether it became true.
asio::awaitable<bool> wait_until(std::function<bool()> ready, std::chrono::milliseconds limit);

// Runs a call that may block in the kernel (a sysfs `remove` while a VM holds
// the device) on a thread of its own, and gives up waiting after `limit`:
// then it throws mdev::Error("<what> did not finish within N s"). The thread
// may outlive the coroutine: `call` owns copies of what it uses.
// "2 s", "0.100 s": a limit as messages state it.
std::string seconds_text(std::chrono::milliseconds limit);

// How long a write to `create`, `remove` or an attribute may block in the kernel.
inline constexpr std::chrono::seconds kSysfsWriteDeadline{10};

asio::awaitable<void> run_blocking_call(std::function<void()> call,
                                        std::chrono::milliseconds limit, std::string what);

}  // namespace mdev

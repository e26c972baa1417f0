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
// then it throws mdev::Error("<what> did not finish within N s").
asio::awaitable<void> run_blocking_call(std::function<void()> call,
                                        std::chrono::milliseconds limit, std::string what);

}  // namespace mdev

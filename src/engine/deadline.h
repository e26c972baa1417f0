#pragma once
#include <asio/awaitable.hpp>
#include <chrono>
#include <functional>

namespace mdev {

// Polls `ready` every few milliseconds until it is true or `limit` passes;
// returns whether it became true.
asio::awaitable<bool> wait_until(std::function<bool()> ready, std::chrono::milliseconds limit);

// How long a write to `create`, `remove` or an attribute may block in the
// kernel (run_on_io_threads).
inline constexpr std::chrono::seconds kSysfsWriteDeadline{10};

}  // namespace mdev

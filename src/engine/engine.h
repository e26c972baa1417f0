#pragma once
#include <asio/awaitable.hpp>
#include <string>

namespace mdev {

// Runs one command coroutine on a fresh io_context until it finishes and
// returns its stdout text; exceptions from the coroutine propagate.
std::string run_to_completion(asio::awaitable<std::string> command);

}  // namespace mdev

#pragma once
// SIGTERM and SIGINT for a one-shot command that changes devices
// (behaviour.md section 5): no pipeline starts after one, and a pipeline
// whose pre ran still gets its post (s390's ap-check releases its lock
// there). A second signal ends mdevctl at once, as it always did.
#include <asio/awaitable.hpp>
#include <functional>
#include <string>

#include "engine/context.h"

namespace mdev {

using Command = std::function<asio::awaitable<std::string>(Context&)>;

asio::awaitable<std::string> run_stoppable(Context& ctx, Command command);

}  // namespace mdev

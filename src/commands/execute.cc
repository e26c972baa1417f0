// SPDX-License-Identifier: LGPL-2.1-or-later
#include <type_traits>

#include "commands/commands.h"
#include "model/error.h"
#include "model/version.h"

namespace mdev {

asio::awaitable<std::string> execute(Context&, VersionRequest) {
  co_return "mdevctl" + std::string(kVersionSuffix) + "\n";
}

asio::awaitable<std::string> execute(Context& ctx, const Request& request) {
  return std::visit(
      [&ctx](const auto& chosen) -> asio::awaitable<std::string> {
        if constexpr (std::is_same_v<std::decay_t<decltype(chosen)>, MonitorRequest>) {
          throw Error("the monitor runs as a program of its own, mdevctl-monitor");
        } else {
          return execute(ctx, chosen);
        }
      },
      request);
}

}  // namespace mdev

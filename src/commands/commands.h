// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Every command: a coroutine that returns what goes to stdout, or throws
// mdev::Error. One name, `execute`, chosen by the request's type: the CLI's
// command table declares each command's request, and nothing else needs to
// list them.
#include <asio/awaitable.hpp>
#include <string>

#include "commands/requests.h"
#include "engine/context.h"

namespace mdev {

asio::awaitable<std::string> execute(Context& ctx, ListRequest request);
asio::awaitable<std::string> execute(Context& ctx, TypesRequest request);
asio::awaitable<std::string> execute(Context& ctx, DefineRequest request);
asio::awaitable<std::string> execute(Context& ctx, UndefineRequest request);
asio::awaitable<std::string> execute(Context& ctx, ModifyRequest request);
asio::awaitable<std::string> execute(Context& ctx, StartRequest request);
asio::awaitable<std::string> execute(Context& ctx, StopRequest request);
asio::awaitable<std::string> execute(Context& ctx, StartParentRequest request);
asio::awaitable<std::string> execute(Context& ctx, VersionRequest request);

// The command `request` names. The monitor is not one of these: it runs as a
// program of its own (commands/monitor.h), and asking for it here throws.
asio::awaitable<std::string> execute(Context& ctx, const Request& request);

}  // namespace mdev

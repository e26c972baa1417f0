#pragma once
// Every command: a coroutine that returns what goes to stdout, or throws mdev::Error.
#include <asio/awaitable.hpp>
#include <string>

#include "commands/requests.h"
#include "engine/context.h"

namespace mdev {

asio::awaitable<std::string> list_command(Context& ctx, ListRequest request);
asio::awaitable<std::string> types_command(Context& ctx, TypesRequest request);
asio::awaitable<std::string> define_command(Context& ctx, DefineRequest request);
asio::awaitable<std::string> undefine_command(Context& ctx, UndefineRequest request);
asio::awaitable<std::string> modify_command(Context& ctx, ModifyRequest request);
asio::awaitable<std::string> start_command(Context& ctx, StartRequest request);
asio::awaitable<std::string> stop_command(Context& ctx, StopRequest request);
asio::awaitable<std::string> start_parent_mdevs_command(Context& ctx, StartParentRequest request);

}  // namespace mdev

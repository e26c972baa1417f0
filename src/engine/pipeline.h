#pragma once
#include <asio/awaitable.hpp>
#include <functional>

#include "engine/context.h"

namespace mdev {

// g++ 12 can destroy a temporary in a co_await expression twice: bind
// lambdas and strings to named locals before passing them to a coroutine.
using PrimaryAction = std::function<asio::awaitable<void>()>;

// pre call-out -> primary action -> post call-out -> notifiers, for one device
// (behaviour.md section 5). Throws mdev::Error when the command fails: a
// failing pre (unless --force) or a failing primary action. Once pre has
// succeeded, post runs whatever happens to the action. `before_notifiers`
// runs when the script's part is over (post ran, or pre refused): autostart
// lets the next device of the same script go on while notifiers run.
asio::awaitable<void> run_device_pipeline(Context& ctx, Action action, const Device& device,
                                          PrimaryAction primary,
                                          std::function<void()> before_notifiers = {});

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/pipeline.h"

#include <exception>

#include "model/error.h"

namespace mdev {
namespace {

class NoRules : public PipelineRules {
 public:
  asio::awaitable<void> enter_writes() override { co_return; }
  void leave_writes() override {}
  void leave_script() override {}
};

}  // namespace

PipelineRules& no_rules() {
  static NoRules rules;
  return rules;
}

asio::awaitable<void> run_device_pipeline(Context& ctx, Action action, const Device& device,
                                          asio::awaitable<void> primary, PipelineRules& rules) {
  if (ctx.runtime.is_stopping()) throw Error("not started: mdevctl is stopping");
  CalloutOutcome pre = co_await ctx.callouts.call(Event::kPre, action, State::kNone, device);
  if (pre.failed()) {
    if (!ctx.options.force) {
      rules.leave_writes();
      rules.leave_script();
      co_await ctx.callouts.notify(action, State::kNone, device);
      throw Error(pre.message);
    }
    ctx.log.warn(pre.message + " (continuing: --force)");
  }

  std::exception_ptr failure;
  try {
    co_await rules.enter_writes();
    co_await std::move(primary);
  } catch (...) {
    failure = std::current_exception();
  }
  rules.leave_writes();
  State state = failure ? State::kFailure : State::kSuccess;

  CalloutOutcome post = co_await ctx.callouts.call(Event::kPost, action, state, device);
  if (post.failed()) ctx.log.warn(post.message);
  rules.leave_script();
  co_await ctx.callouts.notify(action, state, device);
  if (failure) std::rethrow_exception(failure);
}

}  // namespace mdev

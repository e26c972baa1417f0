#include "engine/pipeline.h"

#include <exception>

#include "model/error.h"

namespace mdev {

asio::awaitable<void> run_device_pipeline(Context& ctx, Action action, const Device& device,
                                          PrimaryAction primary,
                                          std::function<void()> before_notifiers) {
  auto script_done = [&] {
    if (before_notifiers) before_notifiers();
  };
  if (ctx.stopping && ctx.stopping()) throw Error("not started: mdevctl is stopping");
  CalloutOutcome pre = co_await ctx.callouts.call(Event::kPre, action, State::kNone, device);
  if (pre.failed()) {
    if (!ctx.force) {
      script_done();
      co_await ctx.callouts.notify(action, State::kNone, device);
      throw Error(pre.message);
    }
    ctx.log.warn(pre.message + " (continuing: --force)");
  }

  std::exception_ptr failure;
  try {
    co_await primary();
  } catch (...) {
    failure = std::current_exception();
  }
  State state = failure ? State::kFailure : State::kSuccess;

  CalloutOutcome post = co_await ctx.callouts.call(Event::kPost, action, state, device);
  if (post.failed()) ctx.log.warn(post.message);
  script_done();
  co_await ctx.callouts.notify(action, state, device);
  if (failure) std::rethrow_exception(failure);
}

}  // namespace mdev

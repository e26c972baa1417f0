#include "engine/stop_on_signal.h"

#include <asio/signal_set.hpp>
#include <asio/this_coro.hpp>
#include <csignal>
#include <memory>

namespace mdev {

asio::awaitable<std::string> run_stoppable(Context& ctx, Command command) {
  auto signals =
      std::make_shared<asio::signal_set>(co_await asio::this_coro::executor, SIGTERM, SIGINT);
  auto stopping = std::make_shared<bool>(false);
  ctx.stopping = [stopping] { return *stopping; };
  signals->async_wait([signals, stopping, &log = ctx.log](std::error_code error, int signal) {
    if (error) return;
    *stopping = true;
    log.warn(std::string(signal == SIGINT ? "SIGINT" : "SIGTERM") +
             ": stopping; no device starts a pipeline any more, those under way finish");
    std::error_code ignored;
    signals->clear(ignored);  // the next one has its default effect
  });
  // Whatever the outcome, nothing may keep the loop waiting.
  auto stop_waiting = [&signals] {
    std::error_code ignored;
    signals->cancel(ignored);
  };
  std::string output;
  try {
    output = co_await command(ctx);
  } catch (...) {
    stop_waiting();
    throw;
  }
  stop_waiting();
  co_return output;
}

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
// monitor: the long-running front end. Listens first, so that nothing sent
// while it autostarts what is there already is missed; tells systemd it is
// ready; then autostarts parents as they register until SIGTERM or SIGINT.
#include "commands/monitor.h"

#include <asio/experimental/awaitable_operators.hpp>
#include <asio/signal_set.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <csignal>

#include "engine/monitor.h"
#include "engine/script_callouts.h"
#include "io/config_watch.h"
#include "io/service_manager.h"
#include "io/signal_mask.h"
#include "io/udev_source.h"

namespace mdev {
namespace {

using namespace asio::experimental::awaitable_operators;

// SIGHUP: nothing to do (see the man page). SIGTERM and SIGINT are the
// runtime's: they set its `stopping`.
asio::awaitable<void> answer_hangups(asio::signal_set& hangups, Logger& log) {
  for (;;) {
    co_await hangups.async_wait(asio::use_awaitable);
    log.info(
        "monitor: SIGHUP: nothing to re-read; definitions, scripts and sysfs are read "
        "for every event");
  }
}

}  // namespace

asio::awaitable<std::string> monitor_command(Context& ctx, MonitorRequest request,
                                             EventPrinter print_event) {
  auto executor = co_await asio::this_coro::executor;
  std::unique_ptr<UeventSource> uevents = listen_for_uevents(
      executor, request.source == "kernel" ? UeventOrigin::kKernel : UeventOrigin::kUdev);
  std::unique_ptr<ConfigWatch> definitions;
  if (print_event) definitions = std::make_unique<ConfigWatch>(executor, ctx.root.config_dir());

  MonitorSetup setup;
  setup.make_callouts = [&ctx](Logger& log) -> std::unique_ptr<Callouts> {
    return std::make_unique<ScriptCallouts>(ctx.root, log, ctx.runtime.children());
  };
  setup.grace = std::chrono::milliseconds(static_cast<long>(request.grace * 1000));
  setup.vgpu_retry_for = std::chrono::milliseconds(static_cast<long>(request.vgpu_retry * 1000));
  setup.events = print_event;
  setup.status = [](const std::string& text) { notify_service_manager("STATUS=" + text); };
  Monitor monitor(ctx, setup);

  ctx.runtime.hear_stop_signals(SecondStopSignal::kIgnored, [&log = ctx.log](std::string_view) {
    log.info("monitor: stopping");
    notify_service_manager("STOPPING=1");
  });
  asio::signal_set hangups(executor, SIGHUP);
  release_stop_signals();  // held since the start: one that came meanwhile arrives now
  notify_service_manager("READY=1");
  ctx.log.info("monitor: listening to " + request.source + " events");
  co_await (monitor.run(*uevents, definitions.get()) &&
            (answer_hangups(hangups, ctx.log) || ctx.runtime.stopping().wait()));
  co_return "";
}

}  // namespace mdev

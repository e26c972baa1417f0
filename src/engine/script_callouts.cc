// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/script_callouts.h"

#include <chrono>

#include "async/bounded_fan_out.h"
#include "model/duration_text.h"
#include "model/names.h"

namespace mdev {
ScriptCallouts::ScriptCallouts(const Root& root, Logger& log, ChildProcesses& children)
    : ScriptCallouts(std::make_shared<ScriptFinder>(root, log, children), log) {}

ScriptCallouts::ScriptCallouts(std::shared_ptr<ScriptFinder> finder, Logger& log)
    : log_(log), finder_(std::move(finder)) {}

std::unique_ptr<Callouts> ScriptCallouts::with_log(Logger& log) {
  return std::make_unique<ScriptCallouts>(finder_, log);
}

asio::awaitable<std::string> ScriptCallouts::script_of(const Device& device) {
  ScriptChoice choice = co_await finder_->find(Event::kPre, device);
  co_return choice.script_name();
}

asio::awaitable<ProcessResult> ScriptCallouts::run(const Script& script, Event event, Action action,
                                                   State state, const Device& device) {
  std::vector<std::string> argv{script.path.string()};
  if (script.established) argv.insert(argv.end(), {"-t", device.config.type});
  argv.insert(argv.end(), {"-e", event_name(event), "-a", action_name(action), "-s",
                           state_name(state), "-u", device.uuid.str(), "-p", device.parent});
  // The established layout sends `get` no config; the seed sends it to every event.
  std::string input = event == Event::kGet && script.established
                          ? std::string()
                          : config_to_compact_json(device.config);
  auto started = std::chrono::steady_clock::now();
  ProcessResult result = co_await finder_->runner().run(argv, input);
  if (log_.enabled(LogLevel::kDebug)) {
    std::string line;
    for (const auto& arg : argv) line += (line.empty() ? "" : " ") + arg;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    log_.debug("ran " + line + ": " + result.describe() + " in " + std::to_string(ms.count()) +
               " ms");
  }
  // A script's own words go on to the user, marked with its name.
  std::string_view err = result.err;
  while (!err.empty()) {
    size_t end = err.find('\n');
    std::string_view line = err.substr(0, end);
    // Escaped and bounded: a script's NUL or ESC bytes are not the terminal's business.
    if (!line.empty()) log_.warn(script.name() + ": " + escaped_for_error(line, 1000));
    err.remove_prefix(end == std::string_view::npos ? err.size() : end + 1);
  }
  if (result.out_truncated || result.err_truncated) {
    log_.warn(script.name() + ": output beyond " +
              std::to_string(finder_->runner().limits().output_cap) + " bytes was dropped");
  }
  co_return result;
}

CalloutOutcome ScriptCallouts::outcome(const Script& script, Event event, const Device& device,
                                       ProcessResult& result) {
  if (result.succeeded()) return {CalloutOutcome::kSuccess, "", std::move(result.out)};
  std::string why = result.timed_out
                        ? "timed out after " + seconds_text(finder_->runner().limits().timeout)
                        : result.describe();
  return {CalloutOutcome::kFailure,
          std::string(event_name(event)) + " call-out " + script.name() + " for " +
              device.uuid.str() + " failed: " + why,
          ""};
}

asio::awaitable<CalloutOutcome> ScriptCallouts::call(Event event, Action action, State state,
                                                     const Device& device) {
  ScriptChoice choice = co_await finder_->find(event, device);
  if (choice.fixed) co_return co_await call_fixed(*choice.fixed, event, action, state, device);
  co_return co_await call_first_answering(choice.per_event, event, action, state, device);
}

asio::awaitable<CalloutOutcome> ScriptCallouts::call_fixed(const Script& script, Event event,
                                                           Action action, State state,
                                                           const Device& device) {
  if (!script.supports(event, action)) {
    // The device's script cannot vouch for this step, so it did not
    // happen; a post has nothing left to guard and is skipped quietly.
    if (event == Event::kPost) co_return CalloutOutcome{};
    co_return CalloutOutcome{CalloutOutcome::kFailure,
                             std::string(event_name(event)) + " call-out " + script.name() +
                                 " for " + device.uuid.str() +
                                 " failed: it does not support event '" + event_name(event) +
                                 "' of action '" + action_name(action) + "'",
                             ""};
  }
  std::optional<CalloutOutcome> answer = co_await ask(script, event, action, state, device);
  co_return answer ? std::move(*answer) : CalloutOutcome{};
}

asio::awaitable<CalloutOutcome> ScriptCallouts::call_first_answering(
    const std::vector<Script>& scripts, Event event, Action action, State state,
    const Device& device) {
  // As upstream does: once a script has answered pre for a device, its post
  // goes straight to it instead of down the list again. The answer kept for
  // the device's (parent, type) is its own: devices of one script never
  // overlap their pre -> post (behaviour.md section 7).
  if (event == Event::kPost) {
    if (std::optional<Script> pre = finder_->answered(Event::kPre, device)) {
      std::optional<CalloutOutcome> answer = co_await ask(*pre, event, action, state, device);
      co_return answer ? std::move(*answer) : CalloutOutcome{};
    }
  }
  // The lookup is cached per (parent, type) (behaviour.md section 6): the
  // script that answered this event for the type before is asked first.
  std::optional<Script> known = finder_->answered(event, device);
  if (known) {
    std::optional<CalloutOutcome> answer = co_await ask(*known, event, action, state, device);
    if (answer) co_return std::move(*answer);
  }
  for (const Script& script : scripts) {
    if (known && script.path == known->path) continue;
    std::optional<CalloutOutcome> answer = co_await ask(script, event, action, state, device);
    if (!answer) continue;  // not its type
    finder_->remember_answer(event, device, script);
    co_return std::move(*answer);
  }
  co_return CalloutOutcome{};
}

asio::awaitable<std::optional<CalloutOutcome>> ScriptCallouts::ask(const Script& script,
                                                                   Event event, Action action,
                                                                   State state,
                                                                   const Device& device) {
  ProcessResult result = co_await run(script, event, action, state, device);
  if (result.started && !result.timed_out && result.exit_status == 2) co_return std::nullopt;
  co_return outcome(script, event, device, result);
}

asio::awaitable<void> ScriptCallouts::notify(Action action, State state, const Device& device) {
  std::vector<async::Task> tasks;
  for (const Script& script : finder_->notifiers()) {
    tasks.push_back([this, script, action, state, &device]() -> asio::awaitable<void> {
      // A notifier is told what happened; it cannot undo it. So its failure
      // is a warning of its own, and the other notifiers still run.
      try {
        ProcessResult result = co_await run(script, Event::kNotify, action, state, device);
        if (!result.succeeded()) log_.warn(outcome(script, Event::kNotify, device, result).message);
      } catch (const std::exception& e) {
        log_.warn("notifier " + script.path.string() + ": " + e.what());
      }
    });
  }
  co_await async::run_bounded(tasks);
}

}  // namespace mdev

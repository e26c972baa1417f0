// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <memory>

#include "engine/callouts.h"
#include "engine/script_finder.h"

namespace mdev {

// The call-out scripts and notifiers found under the root, run as child
// processes with a timeout (behaviour.md sections 6 and 9).
class ScriptCallouts final : public Callouts {
 public:
  ScriptCallouts(const Root& root, Logger& log, ChildProcesses& children);
  // Shares `finder` (and what it has found) with the ScriptCallouts it came from.
  ScriptCallouts(std::shared_ptr<ScriptFinder> finder, Logger& log);

  asio::awaitable<CalloutOutcome> call(Event event, Action action, State state,
                                       const Device& device) override;
  asio::awaitable<void> notify(Action action, State state, const Device& device) override;
  asio::awaitable<std::string> script_of(const Device& device) override;
  std::unique_ptr<Callouts> with_log(Logger& log) override;

 private:
  asio::awaitable<ProcessResult> run(const Script& script, Event event, Action action, State state,
                                     const Device& device);
  asio::awaitable<CalloutOutcome> call_fixed(const Script& script, Event event, Action action,
                                             State state, const Device& device);
  // Step 3 of the lookup: the first script of the list that does not exit 2.
  asio::awaitable<CalloutOutcome> call_first_answering(const std::vector<Script>& scripts,
                                                       Event event, Action action, State state,
                                                       const Device& device);
  // The script's outcome, or nothing when it says "not my type" (exit 2).
  asio::awaitable<std::optional<CalloutOutcome>> ask(const Script& script, Event event,
                                                     Action action, State state,
                                                     const Device& device);
  CalloutOutcome outcome(const Script& script, Event event, const Device& device,
                         ProcessResult& result);

  Logger& log_;
  std::shared_ptr<ScriptFinder> finder_;
};

}  // namespace mdev

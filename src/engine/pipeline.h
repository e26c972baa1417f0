// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <asio/awaitable.hpp>

#include "engine/context.h"

namespace mdev {

// The rules of behaviour.md section 7 that join one device's pipeline to
// the others' when several start at once (autostart). A lone command
// follows none of them: no_rules().
class PipelineRules {
 public:
  virtual ~PipelineRules() = default;
  // Awaited right before the primary action: a parent's sysfs writes go one
  // device at a time.
  virtual asio::awaitable<void> enter_writes() = 0;
  // The device's writes are over, done, failed or never begun.
  virtual void leave_writes() = 0;
  // The call-out script's part is over (post ran, or pre refused): the next
  // device of the same script may go on while this one's notifiers run.
  virtual void leave_script() = 0;
};

PipelineRules& no_rules();

// pre call-out -> primary action -> post call-out -> notifiers, for one device
// (behaviour.md section 5). Throws mdev::Error when the command fails: a
// failing pre (unless --force) or a failing primary action. Once pre has
// succeeded, post runs whatever happens to the action. Callers bind the
// primary action to a named local and move it in (g++ 12 destroys the
// temporaries of a co_await expression twice).
asio::awaitable<void> run_device_pipeline(Context& ctx, Action action, const Device& device,
                                          asio::awaitable<void> primary,
                                          PipelineRules& rules = no_rules());

}  // namespace mdev

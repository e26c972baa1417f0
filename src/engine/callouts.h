// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <asio/awaitable.hpp>
#include <memory>
#include <optional>
#include <string>

#include "model/device.h"

namespace mdev {

class Logger;

enum class Event { kPre, kPost, kLive, kNotify, kGet };
enum class Action { kDefine, kUndefine, kModify, kStart, kStop, kAttributes, kCapabilities };
enum class State { kNone, kSuccess, kFailure };

const char* event_name(Event event);
const char* action_name(Action action);
const char* state_name(State state);

// What one call-out event came to.
struct CalloutOutcome {
  enum Kind { kNoScript, kSuccess, kFailure } kind = kNoScript;
  std::string message;  // why it failed
  std::string output;   // the script's stdout (for `get`)

  bool failed() const { return kind == kFailure; }
};

// The call-out scripts and notifiers of the device pipeline.
class Callouts {
 public:
  virtual ~Callouts() = default;
  // pre, post, live or get for the device's type script.
  virtual asio::awaitable<CalloutOutcome> call(Event event, Action action, State state,
                                               const Device& device) = 0;
  // Every notifier; their failures are logged, never returned.
  virtual asio::awaitable<void> notify(Action action, State state, const Device& device) = 0;
  // Which script speaks for the device's type, as a name: devices with the
  // same one must not overlap their pre -> action -> post (behaviour.md
  // section 7); empty when no script does.
  virtual asio::awaitable<std::string> script_of(const Device& device) = 0;
  // The same call-outs, logging to `log` (autostart keeps each device's lines
  // together and prints them in UUID order).
  virtual std::unique_ptr<Callouts> with_log(Logger& log) = 0;
};

}  // namespace mdev

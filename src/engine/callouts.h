#pragma once
#include <asio/awaitable.hpp>
#include <optional>
#include <string>

#include "model/device.h"

namespace mdev {

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
};

}  // namespace mdev

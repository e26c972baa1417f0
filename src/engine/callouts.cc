// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/callouts.h"

namespace mdev {

const char* event_name(Event event) {
  switch (event) {
    case Event::kPre:
      return "pre";
    case Event::kPost:
      return "post";
    case Event::kLive:
      return "live";
    case Event::kNotify:
      return "notify";
    case Event::kGet:
      return "get";
  }
  return "?";
}

const char* action_name(Action action) {
  switch (action) {
    case Action::kDefine:
      return "define";
    case Action::kUndefine:
      return "undefine";
    case Action::kModify:
      return "modify";
    case Action::kStart:
      return "start";
    case Action::kStop:
      return "stop";
    case Action::kAttributes:
      return "attributes";
    case Action::kCapabilities:
      return "capabilities";
  }
  return "?";
}

const char* state_name(State state) {
  switch (state) {
    case State::kNone:
      return "none";
    case State::kSuccess:
      return "success";
    case State::kFailure:
      return "failure";
  }
  return "?";
}

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Call-outs for in-process tests: every event and notification is recorded
// as "event/action/state" (or "notify/action/state"); pre or post fail when
// told to. No process is started.
#include <memory>
#include <string>
#include <vector>

#include "engine/callouts.h"

class RecordingCallouts final : public mdev::Callouts {
 public:
  std::vector<std::string> log;
  bool fail_pre = false;
  bool fail_post = false;
  // What the get call-out answers (attributes as JSON); empty: no script.
  std::string attributes;

  asio::awaitable<mdev::CalloutOutcome> call(mdev::Event event, mdev::Action action,
                                             mdev::State state, const mdev::Device&) override {
    using mdev::CalloutOutcome;
    log.push_back(std::string(mdev::event_name(event)) + "/" + mdev::action_name(action) + "/" +
                  mdev::state_name(state));
    if (event == mdev::Event::kGet) {
      if (attributes.empty()) co_return CalloutOutcome{CalloutOutcome::kNoScript, "", ""};
      co_return CalloutOutcome{CalloutOutcome::kSuccess, "", attributes};
    }
    bool fail =
        (event == mdev::Event::kPre && fail_pre) || (event == mdev::Event::kPost && fail_post);
    if (fail) co_return CalloutOutcome{CalloutOutcome::kFailure, "script said no", ""};
    co_return CalloutOutcome{CalloutOutcome::kSuccess, "", ""};
  }
  asio::awaitable<void> notify(mdev::Action action, mdev::State state,
                               const mdev::Device&) override {
    log.push_back(std::string("notify/") + mdev::action_name(action) + "/" +
                  mdev::state_name(state));
    co_return;
  }
  asio::awaitable<std::string> script_of(const mdev::Device&) override { co_return "recorder"; }
  // Autostart's per-device call-outs record into this one.
  std::unique_ptr<mdev::Callouts> with_log(mdev::Logger&) override;
};

// Passes everything on to a RecordingCallouts.
class ForwardingCallouts final : public mdev::Callouts {
 public:
  explicit ForwardingCallouts(mdev::Callouts& to) : to_(to) {}
  asio::awaitable<mdev::CalloutOutcome> call(mdev::Event event, mdev::Action action,
                                             mdev::State state,
                                             const mdev::Device& device) override {
    return to_.call(event, action, state, device);
  }
  asio::awaitable<void> notify(mdev::Action action, mdev::State state,
                               const mdev::Device& device) override {
    return to_.notify(action, state, device);
  }
  asio::awaitable<std::string> script_of(const mdev::Device& device) override {
    return to_.script_of(device);
  }
  std::unique_ptr<mdev::Callouts> with_log(mdev::Logger&) override {
    return std::make_unique<ForwardingCallouts>(to_);
  }

 private:
  mdev::Callouts& to_;
};

inline std::unique_ptr<mdev::Callouts> RecordingCallouts::with_log(mdev::Logger&) {
  return std::make_unique<ForwardingCallouts>(*this);
}

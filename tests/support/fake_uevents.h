// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The monitor's event source in tests: events pushed by hand, shaped like
// the kernel's (tests/kernel/scenarios/05-autostart.sh records the real ones).
#include <asio/experimental/channel.hpp>
#include <asio/use_awaitable.hpp>
#include <deque>
#include <functional>
#include <string>

#include "io/uevent_source.h"

class FakeUevents final : public mdev::UeventSource {
 public:
  explicit FakeUevents(asio::any_io_executor executor) : ready_(std::move(executor), 1024) {}

  // Called when the monitor asks for the next event and none is waiting:
  // it has handled every event pushed so far.
  std::function<void()> on_idle;

  void push(mdev::Uevent event) {
    queue_.push_back(std::move(event));
    ready_.try_send(std::error_code(), true);
  }
  asio::awaitable<mdev::Uevent> next() override {
    while (queue_.empty()) {
      if (on_idle) on_idle();
      co_await ready_.async_receive(asio::use_awaitable);
    }
    mdev::Uevent event = queue_.front();
    queue_.pop_front();
    co_return event;
  }

  // mtty's parent: `add`, then `change` with MDEV_STATE=registered.
  static mdev::Uevent parent(const std::string& action, const std::string& name,
                             const std::string& state = "") {
    mdev::Uevent event{action, "/devices/virtual/mtty/" + name, "mtty", {}};
    if (!state.empty()) event.properties["MDEV_STATE"] = state;
    return event;
  }
  // A device of the mdev bus under its parent: `add`, `bind`, ..., `remove`.
  static mdev::Uevent device(const std::string& action, const std::string& parent,
                             const std::string& uuid) {
    return mdev::Uevent{action, "/devices/virtual/mtty/" + parent + "/" + uuid, "mdev", {}};
  }

 private:
  std::deque<mdev::Uevent> queue_;
  asio::experimental::channel<void(std::error_code, bool)> ready_;
};

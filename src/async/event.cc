// SPDX-License-Identifier: LGPL-2.1-or-later
#include "async/event.h"

#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/experimental/channel.hpp>
#include <asio/post.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <system_error>

#include "async/no_throw.h"

namespace async {

struct Event::State {
  State(asio::any_io_executor ex, Mode m) : executor(ex), channel(std::move(ex), 1), mode(m) {}

  asio::any_io_executor executor;
  // One message at most: the wake-up. Two arguments: Asio 1.22 cannot tell
  // its channel traits apart for void(error_code).
  asio::experimental::channel<void(std::error_code, bool)> channel;
  Mode mode;
  bool set = false;

  void set_now() {
    if (set) return;  // kCoalesces: the waiter has not woken for the last one yet
    set = true;
    channel.try_send(std::error_code{}, true);
  }

  // After a wait took the wake-up.
  asio::awaitable<void> took_wake_up() {
    if (mode == Mode::kCoalesces) {
      set = false;  // set() from here on wakes the next wait
      co_return;
    }
    // The receive may resume us inside set()'s try_send: step out of it
    // before passing the wake-up on to the next waiter.
    co_await asio::post(executor, asio::use_awaitable);
    channel.try_send(std::error_code{}, true);
  }
};

namespace {

// A deadline on one wait, shared with the timer's handler, which may run
// after the wait is over: by then `waiting` is false and it does nothing.
struct Deadline {
  asio::cancellation_signal cancel;
  bool waiting = true;
};

}  // namespace

Event::Event(asio::any_io_executor executor, Mode mode)
    : state_(std::make_shared<State>(std::move(executor), mode)) {}

void Event::set() {
  state_->set_now();
}

void Event::post_set() const {
  asio::post(state_->executor, [state = state_] { state->set_now(); });
}

bool Event::is_set() const {
  return state_->set;
}

asio::awaitable<void> Event::wait() {
  auto state = state_;  // this handle may go while we wait
  if (state->mode == Mode::kStays && state->set) co_return;
  co_await state->channel.async_receive(asio::use_awaitable);
  co_await state->took_wake_up();
}

asio::awaitable<bool> Event::wait_for(Clock::duration limit) {
  auto state = state_;
  if (state->mode == Mode::kStays && state->set) co_return true;
  auto deadline = std::make_shared<Deadline>();
  // The receive listens to the deadline's slot; a cancellation from outside
  // (the other side of an `||`) reaches it through there too.
  asio::cancellation_state outer = co_await asio::this_coro::cancellation_state;
  const bool outer_connected = outer.slot().is_connected();
  if (outer_connected) {
    outer.slot().assign([deadline](asio::cancellation_type type) { deadline->cancel.emit(type); });
  }
  Timer timer(state->executor);
  if (limit != Clock::duration::max()) {
    timer.expires_after(limit);
    timer.async_wait([deadline](std::error_code ec) {
      if (!ec && deadline->waiting) deadline->cancel.emit(asio::cancellation_type::terminal);
    });
  }
  auto [ec, ignored] = co_await state->channel.async_receive(
      asio::bind_cancellation_slot(deadline->cancel.slot(), kNoThrow));
  deadline->waiting = false;
  if (outer_connected) outer.slot().clear();
  timer.cancel();
  if (ec) co_return false;
  co_await state->took_wake_up();
  co_return true;
}

}  // namespace async

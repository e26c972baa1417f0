#pragma once
// A first-come-first-served async lock whose place in line is taken apart
// from the wait: a task takes its ticket when it starts and awaits its turn
// later. Tasks that take tickets in one global order and only ever wait on
// earlier tickets cannot deadlock, however they interleave.
#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <deque>
#include <map>
#include <memory>

#include "async/async_event.h"

namespace async {

class TicketLock {
 public:
  class Ticket;
  explicit TicketLock(asio::any_io_executor executor) : executor_(std::move(executor)) {}

  // A place in line, now; the holder owns the lock once turn() returns.
  Ticket take();
  // take() and wait for the turn: a plain async mutex.
  asio::awaitable<Ticket> lock();

 private:
  friend class Ticket;
  void release(const std::shared_ptr<AsyncEvent>& event);

  asio::any_io_executor executor_;
  std::deque<std::shared_ptr<AsyncEvent>> line_;
};

// Leaving the line (or the lock) when destroyed or released, so an exception
// never leaves the lock held.
class TicketLock::Ticket {
 public:
  Ticket() = default;  // no place in any line: turn() returns at once
  Ticket(TicketLock* lock, std::shared_ptr<AsyncEvent> event)
      : lock_(lock), event_(std::move(event)) {}
  Ticket(Ticket&& other) noexcept { *this = std::move(other); }
  Ticket& operator=(Ticket&& other) noexcept;
  ~Ticket() { release(); }

  asio::awaitable<void> turn();
  // Whether turn() would return at once.
  bool is_turn() const { return !event_ || event_->is_set(); }
  void release();

 private:
  TicketLock* lock_ = nullptr;
  std::shared_ptr<AsyncEvent> event_;
};

// One TicketLock per key, made on first use.
template <typename Key>
class KeyedLock {
 public:
  explicit KeyedLock(asio::any_io_executor executor) : executor_(std::move(executor)) {}
  TicketLock::Ticket take(const Key& key) {
    auto it = locks_.find(key);
    if (it == locks_.end()) it = locks_.emplace(key, std::make_unique<TicketLock>(executor_)).first;
    return it->second->take();
  }

 private:
  asio::any_io_executor executor_;
  std::map<Key, std::unique_ptr<TicketLock>> locks_;
};

}  // namespace async

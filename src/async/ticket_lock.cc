#include "async/ticket_lock.h"

#include <algorithm>
#include <utility>

namespace async {

TicketLock::Ticket TicketLock::take() {
  auto event = std::make_shared<AsyncEvent>(executor_);
  line_.push_back(event);
  if (line_.size() == 1) event->set();
  return Ticket(this, std::move(event));
}

asio::awaitable<TicketLock::Ticket> TicketLock::lock() {
  Ticket ticket = take();
  co_await ticket.turn();
  co_return ticket;
}

void TicketLock::release(const std::shared_ptr<AsyncEvent>& event) {
  bool was_first = !line_.empty() && line_.front() == event;
  line_.erase(std::remove(line_.begin(), line_.end(), event), line_.end());
  if (was_first && !line_.empty()) line_.front()->set();
}

TicketLock::Ticket& TicketLock::Ticket::operator=(Ticket&& other) noexcept {
  if (this != &other) {
    release();
    lock_ = std::exchange(other.lock_, nullptr);
    event_ = std::move(other.event_);
  }
  return *this;
}

asio::awaitable<void> TicketLock::Ticket::turn() {
  if (event_) co_await event_->wait();  // an empty ticket stands in no line
}

void TicketLock::Ticket::release() {
  if (lock_) lock_->release(event_);
  lock_ = nullptr;
  event_.reset();
}

}  // namespace async

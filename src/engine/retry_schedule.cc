// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/retry_schedule.h"

#include <algorithm>

namespace mdev {

RetrySchedule::RetrySchedule(asio::any_io_executor executor, async::Backoff backoff,
                             std::chrono::milliseconds limit)
    : backoff_(backoff),
      limit_(limit),
      planned_(std::move(executor), async::Event::Mode::kCoalesces) {}

std::optional<RetrySchedule::Plan> RetrySchedule::failed(const std::string& key) {
  const auto now = async::Clock::now();
  auto it = retries_.find(key);
  if (it == retries_.end()) {
    if (limit_.count() <= 0) return std::nullopt;
    it = retries_.emplace(key, Retry{now + limit_, now, backoff_.first}).first;
  } else {
    ++it->second.tries;
    it->second.pause = std::min<async::Clock::duration>(it->second.pause * 2, backoff_.most);
  }
  Retry& retry = it->second;
  if (now >= retry.give_up) {
    Plan plan{retry.tries, true, {}};
    retries_.erase(it);
    return plan;
  }
  retry.due = std::min(now + retry.pause, retry.give_up);
  retry.taken = false;
  planned_.set();
  return Plan{retry.tries, false, retry.due - now};
}

void RetrySchedule::forget(const std::string& key) {
  retries_.erase(key);
}

asio::awaitable<std::vector<RetrySchedule::Due>> RetrySchedule::due() {
  for (;;) {
    auto next = async::Clock::time_point::max();
    for (const auto& [key, retry] : retries_) {
      if (!retry.taken) next = std::min(next, retry.due);
    }
    if (next == async::Clock::time_point::max()) {
      co_await planned_.wait();
      continue;
    }
    // Woken early when a retry is planned meanwhile: it may be due sooner.
    co_await planned_.wait_for(next - async::Clock::now());
    std::vector<Due> out;
    const auto now = async::Clock::now();
    for (auto& [key, retry] : retries_) {
      if (retry.taken || retry.due > now) continue;
      retry.taken = true;
      out.push_back(Due{key, retry.tries + 1});
    }
    if (!out.empty()) co_return out;
  }
}

}  // namespace mdev

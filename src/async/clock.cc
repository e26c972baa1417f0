// SPDX-License-Identifier: LGPL-2.1-or-later
#include "async/clock.h"

#include <atomic>
#include <cassert>

namespace async {
namespace {

std::atomic<bool> manual{false};
std::atomic<Clock::rep> manual_now{0};

Clock::rep steady_now() {
  return std::chrono::steady_clock::now().time_since_epoch().count();
}

}  // namespace

Clock::time_point Clock::now() noexcept {
  if (manual.load(std::memory_order_acquire))
    return time_point(duration(manual_now.load(std::memory_order_acquire)));
  return time_point(duration(steady_now()));
}

ManualTime::ManualTime() {
  // Where the steady clock is: a test may mix both in its own checks.
  manual_now.store(steady_now(), std::memory_order_release);
  [[maybe_unused]] bool was = manual.exchange(true, std::memory_order_acq_rel);
  assert(!was && "one ManualTime at a time");
}

ManualTime::~ManualTime() {
  manual.store(false, std::memory_order_release);
}

void ManualTime::advance(Clock::duration step) {
  manual_now.fetch_add(step.count(), std::memory_order_acq_rel);
}

}  // namespace async

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The one clock every wait in mdevctl reads: deadlines, pauses, polls and
// grace periods. It is the steady clock, except under a ManualTime (tests),
// where it stands still until the test moves it: a test of a 10 s grace
// period then takes no 10 s. A clock type, not an object, because Asio's
// timers read time through a static now().
#include <asio/basic_waitable_timer.hpp>
#include <chrono>

namespace async {

struct Clock {
  using duration = std::chrono::steady_clock::duration;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<Clock>;
  static constexpr bool is_steady = true;
  static time_point now() noexcept;
};

using Timer = asio::basic_waitable_timer<Clock>;

// While one exists the clock stands still; advance() moves it. One at a time.
class ManualTime {
 public:
  ManualTime();
  ~ManualTime();
  ManualTime(const ManualTime&) = delete;
  ManualTime& operator=(const ManualTime&) = delete;

  // Moves the clock on. Timers then due fire the next time the loop looks
  // at its timers: async::testing::advance() makes it look.
  static void advance(Clock::duration step);
};

}  // namespace async

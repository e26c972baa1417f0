// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// When to try again what may pass later by itself, without an event to say
// so: a VF whose vGPU type was not creatable yet (behaviour.md 11.3: the
// kernel sends no event when types become creatable). Pauses grow by the
// Backoff; after `limit` from the first failure a key is given up.
#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "async/clock.h"
#include "async/event.h"
#include "async/poll_until.h"

namespace mdev {

class RetrySchedule {
 public:
  RetrySchedule(asio::any_io_executor executor, async::Backoff backoff,
                std::chrono::milliseconds limit);

  // What failing again made of `key`: the try that comes next (2 after the
  // first failure) and in how long, or that it was given up after `tries`.
  struct Plan {
    unsigned tries;  // made so far
    bool gave_up;
    async::Clock::duration pause;  // until the next try
  };
  // nullopt when retries are off (a limit of 0).
  std::optional<Plan> failed(const std::string& key);
  // Succeeded, or gone: no more tries.
  void forget(const std::string& key);

  // Waits until at least one key is due and returns those, with the number
  // of the try each is due for; they are not due again until failed() says
  // so (or forget()).
  struct Due {
    std::string key;
    unsigned attempt;
  };
  asio::awaitable<std::vector<Due>> due();

 private:
  struct Retry {
    async::Clock::time_point give_up, due;
    async::Clock::duration pause;
    unsigned tries = 1;
    bool taken = false;  // handed out by due(), not failed again yet
  };
  async::Backoff backoff_;
  std::chrono::milliseconds limit_;
  std::map<std::string, Retry> retries_;
  async::Event planned_;  // coalesces: wakes due() to look again
};

}  // namespace mdev

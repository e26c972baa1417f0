// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// A gate for tasks on real threads: they wait() at it until release(). Make
// it in a shared_ptr: a thread may still be leaving wait() when a test returns.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

struct Gate {
  std::mutex mutex;
  std::condition_variable changed;
  bool open = false;
  size_t waiting = 0;

  void wait() {
    std::unique_lock lock(mutex);
    ++waiting;
    changed.notify_all();
    changed.wait(lock, [this] { return open; });
    --waiting;
    changed.notify_all();  // until_waiting(0) waits for this
  }
  void release() {
    {
      std::lock_guard lock(mutex);
      open = true;
    }
    changed.notify_all();
  }
  // Until `count` calls wait at the gate, or until it is open: a real wait
  // on real threads, 10 s at most.
  bool until_waiting(size_t count) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(10), [&] { return waiting == count; });
  }
  bool until_open() {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(10), [this] { return open; });
  }
};

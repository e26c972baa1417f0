#include "io/worker_threads.h"

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "io/parallel.h"
#include "support/catch.h"

using namespace mdev;
using namespace std::chrono_literals;

TEST_CASE("Worker threads: tasks that block run side by side - the pool grows to hold them") {
  // Three tasks that each wait for all three to have started: they finish
  // only if three threads run them at once (the limit is 4 at least).
  std::mutex mutex;
  std::condition_variable changed;
  int started = 0, finished = 0;
  for (int i = 0; i < 3; ++i) {
    run_on_worker_thread([&] {
      std::unique_lock lock(mutex);
      ++started;
      changed.notify_all();
      if (changed.wait_for(lock, 5s, [&] { return started == 3; })) ++finished;
      changed.notify_all();
    });
  }
  std::unique_lock lock(mutex);
  CHECK(changed.wait_for(lock, 10s, [&] { return finished == 3; }));
}

TEST_CASE("Worker threads: the limit is at least 4 and parallel reads stay within it") {
  CHECK(worker_thread_limit() >= 4);
  CHECK(worker_thread_limit() <= 8);
  CHECK(parallel_read_width() >= 1);
  CHECK(parallel_read_width() <= worker_thread_limit());
}

TEST_CASE("for_each_in_parallel visits every item once - and passes the first failure on") {
  std::vector<std::atomic<int>> visits(5000);
  for_each_in_parallel(visits.size(), [&](size_t i) { ++visits[i]; });
  CHECK(std::all_of(visits.begin(), visits.end(), [](auto& v) { return v == 1; }));
  CHECK_THROWS_WITH(for_each_in_parallel(5000,
                                         [](size_t i) {
                                           if (i == 4321) throw std::runtime_error("item 4321");
                                         }),
                    "item 4321");
}

#include "io/worker_threads.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "async/async_test_support.h"
#include "io/parallel.h"
#include "support/catch.h"

using namespace mdev;
using namespace std::chrono_literals;

namespace {

// Shared with the worker threads, which may outlive a test's locals.
struct Counts {
  std::mutex mutex;
  std::condition_variable changed;
  int started = 0, finished = 0;
  bool released = false;
};

}  // namespace

TEST_CASE("Worker threads: tasks that block run side by side - the pool grows to hold them") {
  WorkerThreads workers;
  CHECK(workers.started() == 0);  // none until a task comes
  // Three tasks that each wait for all three to have started: they finish
  // only if three threads run them at once (the limit is 4 at least).
  auto counts = std::make_shared<Counts>();
  for (int i = 0; i < 3; ++i) {
    workers.post([counts] {
      std::unique_lock lock(counts->mutex);
      ++counts->started;
      counts->changed.notify_all();
      if (counts->changed.wait_for(lock, 5s, [&] { return counts->started == 3; }))
        ++counts->finished;
      counts->changed.notify_all();
    });
  }
  std::unique_lock lock(counts->mutex);
  CHECK(counts->changed.wait_for(lock, 10s, [&] { return counts->finished == 3; }));
  CHECK(workers.started() == 3);
}

TEST_CASE("Worker threads: the end waits for no stuck thread - and queued tasks never start") {
  auto counts = std::make_shared<Counts>();
  {
    WorkerThreads workers;
    auto stuck = [counts] {
      std::unique_lock lock(counts->mutex);
      ++counts->started;
      counts->changed.notify_all();
      counts->changed.wait(lock, [&] { return counts->released; });
    };
    for (size_t i = 0; i < WorkerThreads::limit(); ++i) workers.post(stuck);
    workers.post([counts] {
      std::lock_guard lock(counts->mutex);
      ++counts->finished;
    });
    std::unique_lock lock(counts->mutex);
    REQUIRE(counts->changed.wait_for(
        lock, 10s, [&] { return counts->started == static_cast<int>(WorkerThreads::limit()); }));
  }  // gone while every thread is stuck: this returns at once
  {
    std::lock_guard lock(counts->mutex);
    counts->released = true;
  }
  counts->changed.notify_all();
  std::lock_guard lock(counts->mutex);
  CHECK(counts->finished == 0);  // the queued one was dropped, not run late
}

TEST_CASE("Worker threads: the limit is at least 4 and parallel reads stay within it") {
  CHECK(WorkerThreads::limit() >= 4);
  CHECK(WorkerThreads::limit() <= 8);
  CHECK(WorkerThreads::parallel_width() >= 1);
  CHECK(WorkerThreads::parallel_width() <= WorkerThreads::limit());
}

TEST_CASE("for_each_in_parallel visits every item once - and passes the first failure on") {
  WorkerThreads workers;
  std::vector<std::atomic<int>> visits(5000);
  async::testing::run([&](auto) -> asio::awaitable<void> {
    co_await for_each_in_parallel(workers, visits.size(), [&](size_t i) { ++visits[i]; });
  });
  CHECK(std::all_of(visits.begin(), visits.end(), [](auto& v) { return v == 1; }));
  CHECK_THROWS_WITH(async::testing::run([&](auto) -> asio::awaitable<void> {
                      co_await for_each_in_parallel(workers, 5000, [](size_t i) {
                        if (i == 4321) throw std::runtime_error("item 4321");
                      });
                    }),
                    "item 4321");
}

TEST_CASE("for_each_in_parallel: with every worker thread stuck, the caller does the work") {
  WorkerThreads workers;
  auto counts = std::make_shared<Counts>();
  for (size_t i = 0; i < WorkerThreads::limit(); ++i) {
    workers.post([counts] {
      std::unique_lock lock(counts->mutex);
      ++counts->started;
      counts->changed.notify_all();
      counts->changed.wait(lock, [&] { return counts->released; });
    });
  }
  {
    std::unique_lock lock(counts->mutex);
    REQUIRE(counts->changed.wait_for(
        lock, 10s, [&] { return counts->started == static_cast<int>(WorkerThreads::limit()); }));
  }
  std::vector<int> visits(1000);
  async::testing::run([&](auto) -> asio::awaitable<void> {
    co_await for_each_in_parallel(workers, visits.size(), [&](size_t i) { ++visits[i]; });
  });
  CHECK(std::all_of(visits.begin(), visits.end(), [](int v) { return v == 1; }));
  {
    std::lock_guard lock(counts->mutex);
    counts->released = true;
  }
  counts->changed.notify_all();
}

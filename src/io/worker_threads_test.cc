// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/worker_threads.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <stdexcept>
#include <vector>

#include "async/async_test_support.h"
#include "io/parallel.h"
#include "support/catch.h"
#include "support/gate.h"

using namespace mdev;

namespace {

// Every thread the pool may have, held at `gate`.
void hold_every_thread(WorkerThreads& workers, const std::shared_ptr<Gate>& gate) {
  for (size_t i = 0; i < WorkerThreads::limit(); ++i) workers.post([gate] { gate->wait(); });
  REQUIRE(gate->until_waiting(WorkerThreads::limit()));
}

}  // namespace

TEST_CASE("Worker threads: tasks that block run side by side - the pool grows to hold them") {
  WorkerThreads workers;
  CHECK(workers.started() == 0);  // none until a task comes
  // Three tasks held at once need three threads (the limit is 4 at least).
  auto gate = std::make_shared<Gate>();
  for (int i = 0; i < 3; ++i) workers.post([gate] { gate->wait(); });
  CHECK(gate->until_waiting(3));
  CHECK(workers.started() == 3);
  gate->release();
}

TEST_CASE("Worker threads: the end waits for no stuck thread - and queued tasks never start") {
  auto gate = std::make_shared<Gate>();
  auto ran = std::make_shared<std::atomic<bool>>(false);
  {
    WorkerThreads workers;
    hold_every_thread(workers, gate);
    workers.post([ran] { *ran = true; });
  }  // gone while every thread is stuck: this returns at once
  gate->release();
  CHECK(gate->until_waiting(0));  // every thread is past its task
  CHECK_FALSE(*ran);              // the queued one was dropped, not run late
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
  auto gate = std::make_shared<Gate>();
  hold_every_thread(workers, gate);
  std::vector<int> visits(1000);
  async::testing::run([&](auto) -> asio::awaitable<void> {
    co_await for_each_in_parallel(workers, visits.size(), [&](size_t i) { ++visits[i]; });
  });
  CHECK(std::all_of(visits.begin(), visits.end(), [](int v) { return v == 1; }));
  gate->release();
}

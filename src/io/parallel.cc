// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/parallel.h"

#include <algorithm>
#include <asio/this_coro.hpp>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>

#include "async/event.h"
#include "io/worker_threads.h"

namespace mdev {
namespace {

// Shared by the caller and its helpers. The caller takes items too, so the
// sweep ends even when every worker thread is stuck in a driver; helpers
// that reach a thread after the caller ran out of items (the sweep is
// closed) touch nothing, and the caller waits only for helpers inside.
struct Sweep {
  Sweep(size_t count, size_t batch, std::function<void(size_t)> work)
      : count(count), batch(batch), work(std::move(work)) {}

  const size_t count, batch;
  const std::function<void(size_t)> work;
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::condition_variable helpers_left;  // only for a frame torn down early
  size_t helpers_working = 0;
  bool closed = false;
  std::optional<async::Event> caller_waits;  // set by the last helper out, on the loop
  std::exception_ptr failure;

  void take_items() {
    try {
      for (size_t begin; (begin = next.fetch_add(batch)) < count;) {
        for (size_t i = begin; i < std::min(begin + batch, count); ++i) work(i);
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
      next = count;  // the others stop early
    }
  }

  void help() {
    {
      std::lock_guard lock(mutex);
      if (closed) return;
      ++helpers_working;
    }
    take_items();
    std::lock_guard lock(mutex);
    if (--helpers_working > 0) return;
    helpers_left.notify_all();
    if (caller_waits) {
      caller_waits->post_set();
      caller_waits.reset();
    }
  }
};

// However the caller's frame ends (done, cancelled, or its loop torn down
// around it), helpers still inside let go of `work` before it goes: they
// are reading small files, not waiting on anything.
class CloseOnExit {
 public:
  explicit CloseOnExit(std::shared_ptr<Sweep> sweep) : sweep_(std::move(sweep)) {}
  ~CloseOnExit() {
    std::unique_lock lock(sweep_->mutex);
    sweep_->closed = true;
    sweep_->next = sweep_->count;
    sweep_->caller_waits.reset();
    sweep_->helpers_left.wait(lock, [this] { return sweep_->helpers_working == 0; });
  }
  CloseOnExit(const CloseOnExit&) = delete;
  CloseOnExit& operator=(const CloseOnExit&) = delete;

 private:
  std::shared_ptr<Sweep> sweep_;
};

}  // namespace

asio::awaitable<void> for_each_in_parallel(WorkerThreads& workers, size_t count,
                                           std::function<void(size_t)> work, size_t inline_below) {
  const size_t threads = WorkerThreads::parallel_width();
  if (count < inline_below || threads == 1) {
    for (size_t i = 0; i < count; ++i) work(i);
    co_return;
  }
  auto sweep =
      std::make_shared<Sweep>(count, std::max<size_t>(1, count / (threads * 8)), std::move(work));
  CloseOnExit close(sweep);
  for (size_t t = 1; t < threads; ++t) workers.post([sweep] { sweep->help(); });
  sweep->take_items();
  auto executor = co_await asio::this_coro::executor;
  std::optional<async::Event> helpers_done;
  {
    std::lock_guard lock(sweep->mutex);
    sweep->closed = true;
    if (sweep->helpers_working > 0) {
      helpers_done.emplace(executor);
      sweep->caller_waits = *helpers_done;
    }
  }
  if (helpers_done) co_await helpers_done->wait();
  if (sweep->failure) std::rethrow_exception(std::move(sweep->failure));
}

}  // namespace mdev

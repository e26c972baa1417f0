#include "io/parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>

#include "io/worker_threads.h"

namespace mdev {
namespace {

// Shared by the caller and its helpers. A helper the pool starts only after
// the caller is done (its threads were all busy) finds the work closed and
// leaves at once; the caller waits only for helpers that took part.
struct Sweep {
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::condition_variable helpers_done;
  size_t helpers_working = 0;
  bool closed = false;
  std::exception_ptr failure;
};

void take_items(Sweep& sweep, size_t count, size_t batch, const std::function<void(size_t)>& work) {
  try {
    for (size_t begin; (begin = sweep.next.fetch_add(batch)) < count;) {
      for (size_t i = begin; i < std::min(begin + batch, count); ++i) work(i);
    }
  } catch (...) {
    std::lock_guard lock(sweep.mutex);
    if (!sweep.failure) sweep.failure = std::current_exception();
    sweep.next = count;  // the others stop early
  }
}

}  // namespace

void for_each_in_parallel(size_t count, const std::function<void(size_t)>& work,
                          size_t inline_below) {
  size_t threads = parallel_read_width();
  if (count < inline_below || threads == 1) {
    for (size_t i = 0; i < count; ++i) work(i);
    return;
  }
  const size_t batch = std::max<size_t>(1, count / (threads * 8));
  auto sweep = std::make_shared<Sweep>();
  for (size_t t = 1; t < threads; ++t) {
    run_on_worker_thread([sweep, count, batch, &work] {
      {
        std::lock_guard lock(sweep->mutex);
        if (sweep->closed) return;  // `work` may be gone: touch nothing
        ++sweep->helpers_working;
      }
      take_items(*sweep, count, batch, work);
      std::lock_guard lock(sweep->mutex);
      --sweep->helpers_working;
      sweep->helpers_done.notify_all();
    });
  }
  take_items(*sweep, count, batch, work);
  std::unique_lock lock(sweep->mutex);
  sweep->closed = true;
  sweep->helpers_done.wait(lock, [&] { return sweep->helpers_working == 0; });
  if (sweep->failure) std::rethrow_exception(std::move(sweep->failure));
}

}  // namespace mdev

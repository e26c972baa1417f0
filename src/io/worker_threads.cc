#include "io/worker_threads.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace mdev {
namespace {

size_t cores() {
  return std::max(1u, std::thread::hardware_concurrency());
}

class GrowingPool {
 public:
  void post(std::function<void()> task) {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(task));
    if (idle_ > 0) {
      --idle_;  // that one takes it
      ready_.notify_one();
    } else if (threads_ < worker_thread_limit()) {
      ++threads_;
      std::thread([this] { work(); }).detach();
    }  // else it waits for a thread to finish its task
  }

 private:
  void work() {
    std::unique_lock lock(mutex_);
    for (;;) {
      ready_.wait(lock, [this] { return !queue_.empty(); });
      std::function<void()> task = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      task();
      lock.lock();
      ++idle_;
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  size_t threads_ = 0;
  size_t idle_ = 0;  // threads waiting that no posted task has been promised to
};

GrowingPool& workers() {
  // Made on first use; never destroyed: see the header.
  static auto* pool = new GrowingPool;
  return *pool;
}

}  // namespace

size_t worker_thread_limit() {
  return std::clamp<size_t>(cores(), 4, 8);
}

size_t parallel_read_width() {
  return std::min(cores(), worker_thread_limit());
}

void run_on_worker_thread(std::function<void()> task) {
  workers().post(std::move(task));
}

}  // namespace mdev

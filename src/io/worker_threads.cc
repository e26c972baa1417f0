// SPDX-License-Identifier: LGPL-2.1-or-later
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

}  // namespace

struct WorkerThreads::Shared {
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<std::function<void()>> queue;
  size_t threads = 0;
  size_t idle = 0;  // threads waiting that no posted task has been promised to
  bool closed = false;

  void work() {
    std::unique_lock lock(mutex);
    for (;;) {
      ready.wait(lock, [this] { return closed || !queue.empty(); });
      if (closed) return;
      std::function<void()> task = std::move(queue.front());
      queue.pop_front();
      lock.unlock();
      task();
      task = nullptr;  // what it holds goes before the lock is taken again
      lock.lock();
      ++idle;
    }
  }
};

WorkerThreads::WorkerThreads() : shared_(std::make_shared<Shared>()) {}

WorkerThreads::~WorkerThreads() {
  std::deque<std::function<void()>> never_started;
  {
    std::lock_guard lock(shared_->mutex);
    shared_->closed = true;
    never_started.swap(shared_->queue);
  }
  shared_->ready.notify_all();
}  // the tasks never started are destroyed here, outside the lock

void WorkerThreads::post(std::function<void()> task) {
  std::lock_guard lock(shared_->mutex);
  shared_->queue.push_back(std::move(task));
  if (shared_->idle > 0) {
    --shared_->idle;  // that one takes it
    shared_->ready.notify_one();
  } else if (shared_->threads < limit()) {
    ++shared_->threads;
    // Detached: see the header. The thread keeps the shared state alive.
    std::thread([shared = shared_] { shared->work(); }).detach();
  }  // else it waits for a thread to finish its task
}

size_t WorkerThreads::started() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->threads;
}

size_t WorkerThreads::limit() {
  return std::clamp<size_t>(cores(), 4, 8);
}

size_t WorkerThreads::parallel_width() {
  return std::min(cores(), limit());
}

}  // namespace mdev

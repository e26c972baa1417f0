#include "io/worker_threads.h"

#include <algorithm>
#include <asio/post.hpp>
#include <asio/thread_pool.hpp>
#include <thread>

namespace mdev {
namespace {

asio::thread_pool& workers() {
  // Made on first use; never destroyed: see the header.
  static auto* pool = new asio::thread_pool(worker_thread_limit());
  return *pool;
}

}  // namespace

size_t worker_thread_limit() {
  return std::clamp<size_t>(std::thread::hardware_concurrency(), 4, 8);
}

void run_on_worker_thread(std::function<void()> task) {
  asio::post(workers(), std::move(task));
}

}  // namespace mdev

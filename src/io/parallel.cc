#include "io/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace mdev {

void for_each_in_parallel(size_t count, const std::function<void(size_t)>& work,
                          size_t inline_below) {
  size_t threads = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), 8);
  if (count < inline_below || threads == 1) {
    for (size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::exception_ptr failure;
  auto drain = [&] {
    const size_t batch = std::max<size_t>(1, count / (threads * 8));
    try {
      for (size_t begin; (begin = next.fetch_add(batch)) < count;) {
        for (size_t i = begin; i < std::min(begin + batch, count); ++i) work(i);
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
      next = count;  // the others stop early
    }
  };
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < threads; ++t) helpers.emplace_back(drain);
  drain();
  for (auto& helper : helpers) helper.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace mdev

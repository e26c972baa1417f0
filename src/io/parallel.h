#pragma once
#include <cstddef>
#include <functional>

namespace mdev {

// Runs work(0..count-1) on a few threads. Reading thousands of small files
// (configs, sysfs attributes) is syscall-bound, and the syscalls of different
// files run in parallel in the kernel. Fewer than `inline_below` items run
// on the calling thread. The first exception thrown by `work` is rethrown.
void for_each_in_parallel(size_t count, const std::function<void(size_t)>& work,
                          size_t inline_below = 64);

}  // namespace mdev

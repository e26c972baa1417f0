#pragma once
// The few threads io runs blocking work on: kernel writes a driver may sit
// on, and the parallel reads of a listing. A thread is started only when a
// task finds none idle, up to worker_thread_limit(); threads are never
// stopped: a call still blocked at exit must not hold the process up. A
// command that neither writes nor reads much in parallel starts none.
#include <cstddef>
#include <functional>

namespace mdev {

// Queues `task`; it runs on one of the threads.
void run_on_worker_thread(std::function<void()> task);

// How many threads the pool may grow to: enough for one stuck driver not to
// stop the writes to other parents (4 at least), and for parallel reads to
// use the cores (8 at most).
size_t worker_thread_limit();

// How many threads a parallel read uses, its caller's included: the cores,
// within the pool's limit.
size_t parallel_read_width();

}  // namespace mdev

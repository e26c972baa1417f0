#pragma once
// The few threads io runs blocking work on: kernel writes a driver may sit
// on, flocks another process holds, and the parallel reads of a listing.
// Started on first use, and never stopped: a call still blocked at exit must
// not hold the process up. A command that neither writes nor reads much in
// parallel starts none.
#include <cstddef>
#include <functional>

namespace mdev {

// Queues `task`; it runs on one of the threads.
void run_on_worker_thread(std::function<void()> task);

// How many threads the pool has: enough for parallel reads, and for one
// stuck driver not to stop the writes to other parents.
size_t worker_thread_limit();

}  // namespace mdev

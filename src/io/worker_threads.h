// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The few threads a session runs blocking work on: kernel writes a driver
// may sit on, and the parallel reads of a listing. A thread is started only
// when a task finds none idle, up to limit(). Owned by the session's Runtime.
// Its end never waits for a thread stuck in the kernel: idle threads end,
// tasks not yet started never start, and a thread still inside a call is
// left to finish it on its own (it holds the shared state, not the object).
// A command that neither writes nor reads much in parallel starts none.
#include <cstddef>
#include <functional>
#include <memory>

namespace mdev {

class WorkerThreads {
 public:
  WorkerThreads();
  ~WorkerThreads();
  WorkerThreads(const WorkerThreads&) = delete;
  WorkerThreads& operator=(const WorkerThreads&) = delete;

  // Queues `task`; it runs on one of the threads, unless this object is
  // gone before a thread takes it.
  void post(std::function<void()> task);

  // How many threads the pool may grow to: enough for one stuck driver not
  // to stop the writes to other parents (4 at least), and for parallel reads
  // to use the cores (8 at most).
  static size_t limit();
  // How many threads a parallel read uses: the cores, within the limit.
  static size_t parallel_width();
  // Threads started so far (the note on threads per command counts them).
  size_t started() const;

 private:
  struct Shared;
  std::shared_ptr<Shared> shared_;
};

}  // namespace mdev

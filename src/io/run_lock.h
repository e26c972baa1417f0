#pragma once
// An exclusive lock between mdevctl processes: flock(2) on
// ROOT/run/mdevctl/NAME.lock, held while the object lives. The udev rule and
// an admin (or the monitor) may autostart one parent at the same moment.
#include <filesystem>
#include <memory>
#include <string>

#include "io/root.h"

namespace mdev {

class RunLock {
 public:
  // The lock if it is free now, else nothing (no waiting).
  static std::unique_ptr<RunLock> try_acquire(const Root& root, const std::string& name);
  // Blocks until the lock is ours: call it from run_on_io_threads.
  static std::unique_ptr<RunLock> acquire(const Root& root, const std::string& name);
  // Blocks until `dir` itself is locked: no lock file, so the tree stays as
  // it was. A missing `dir` holds nothing to protect: a lock on nothing.
  static std::unique_ptr<RunLock> acquire_directory(const std::filesystem::path& dir);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  explicit RunLock(int fd) : fd_(fd) {}
  static std::unique_ptr<RunLock> lock(const Root& root, const std::string& name, bool wait);
  int fd_;
};

}  // namespace mdev

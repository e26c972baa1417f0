// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// An exclusive lock between mdevctl processes: flock(2) on
// ROOT/run/mdevctl/NAME.lock, held while the object lives. run/mdevctl is
// private (mode 0700, the caller's), so no other user can take a lock and
// hang every define; a link there is refused, never followed.
#include <filesystem>
#include <memory>
#include <string>

#include "io/root.h"

namespace mdev {

// ROOT/run/mdevctl, made private (0700) if missing; throws mdev::Error when
// it is a link or another user's, or others may write to it. Locks and the
// vGPU UUIDs mdevctl keeps live there.
std::filesystem::path private_run_dir(const Root& root);

class RunLock {
 public:
  // The lock if it is free now; else nothing (no waiting), and `holder`
  // names who has it ("pid N (command)") where that can be told.
  static std::unique_ptr<RunLock> try_acquire(const Root& root, const std::string& name,
                                              std::string* holder = nullptr);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  explicit RunLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace mdev

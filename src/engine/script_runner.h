// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <asio/awaitable.hpp>
#include <set>
#include <string>
#include <vector>

#include "io/child_process.h"

namespace mdev {

// Runs the call-out scripts of one command under its limits. A script that
// has timed out is not started again by the same command: a hung script
// costs one timeout, not one per call-out (probe, pre, post, every device
// of an autostart); its later calls time out at once.
class ScriptRunner {
 public:
  explicit ScriptRunner(ChildProcesses& children) : children_(children) {}

  const ProcessLimits& limits() const { return children_.limits(); }
  // argv[0] is the script.
  asio::awaitable<ProcessResult> run(std::vector<std::string> argv, std::string input);

 private:
  ChildProcesses& children_;
  std::set<std::string> timed_out_;
};

}  // namespace mdev

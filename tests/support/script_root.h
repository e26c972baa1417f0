// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// A temp root with real call-out scripts in it, and what running them needs:
// the runtime (first, so that what waits on its loop goes before it), a log
// that keeps its warnings, and the children under the given limits.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/logger.h"
#include "engine/runtime.h"
#include "io/child_process.h"
#include "io/root.h"
#include "support/temp_dir.h"

struct ScriptRoot {
  mdev::Runtime runtime;
  TempDir tmp;
  mdev::Root root{tmp.path};
  std::vector<std::string> warnings;
  mdev::Logger log{mdev::LogLevel::kWarn,
                   [this](std::string_view line) { warnings.emplace_back(line); }};
  mdev::ChildProcesses& children;

  explicit ScriptRoot(mdev::ProcessLimits limits = {})
      : runtime(limits), children(runtime.children()) {}

  // An executable shell script at `relative` (to the root).
  void script(const std::string& relative, const std::string& body) {
    tmp.write(relative, "#!/bin/sh\n" + body + "\n");
    std::filesystem::permissions(tmp.path / relative, std::filesystem::perms::owner_all);
  }
  std::string absolute(const std::string& relative) const { return (tmp.path / relative).string(); }
};

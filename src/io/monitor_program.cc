// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/monitor_program.h"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <vector>

#include "io/file_util.h"
#include "io/install_paths.h"
#include "model/error.h"

namespace mdev {

void run_monitor_program(int argc, char** argv) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::vector<std::string> candidates;
  if (!ec) candidates.push_back((self.parent_path() / "mdevctl-monitor").string());
  candidates.push_back(install_paths::kMonitorProgram);
  for (std::string& program : candidates) {
    if (::access(program.c_str(), X_OK) != 0) continue;
    std::vector<char*> args{program.data()};
    for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
    args.push_back(nullptr);
    ::execv(program.c_str(), args.data());
    throw Error("cannot run " + program + ": " + errno_text(errno));
  }
  throw Error(std::string("cannot run ") + install_paths::kMonitorProgram + ": " +
              errno_text(ENOENT));
}

}  // namespace mdev

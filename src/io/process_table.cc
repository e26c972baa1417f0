// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/process_table.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "io/file_util.h"

namespace mdev {
namespace {

std::optional<int> pid_of(std::string_view name) {
  int pid = 0;
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), pid);
  if (ec != std::errc() || end != name.data() + name.size() || pid <= 0) return std::nullopt;
  return pid;
}

bool holds(int pid, dev_t dev, ino_t ino) {
  std::string fd_dir = "/proc/" + std::to_string(pid) + "/fd";
  DIR* dir = ::opendir(fd_dir.c_str());
  if (!dir) return false;
  bool found = false;
  while (dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] == '.') continue;
    struct stat st {};
    // stat follows the fd's magic link to the open file itself.
    if (::stat((fd_dir + "/" + entry->d_name).c_str(), &st) == 0 && st.st_dev == dev &&
        st.st_ino == ino) {
      found = true;
      break;
    }
  }
  ::closedir(dir);
  return found;
}

// The parent pid from /proc/PID/stat: the field after the command, which is
// in parentheses and may itself hold spaces and parentheses.
std::optional<int> parent_of(int pid) {
  auto stat = read_file("/proc/" + std::to_string(pid) + "/stat", FileKind::kStream);
  if (!stat) return std::nullopt;
  auto close = stat->rfind(')');
  if (close == std::string::npos || close + 4 >= stat->size()) return std::nullopt;
  std::string_view rest(*stat);
  rest.remove_prefix(close + 4);  // ") S "
  return pid_of(rest.substr(0, rest.find(' ')));
}

}  // namespace

ProcessInfo process_info(int pid) {
  auto comm = read_file("/proc/" + std::to_string(pid) + "/comm", FileKind::kStream);
  return {pid, comm ? trim(*comm) : std::string("?")};
}

std::string describe(const ProcessInfo& process) {
  return "pid " + std::to_string(process.pid) + " (" + process.command + ")";
}

std::vector<ProcessInfo> processes_holding(const std::filesystem::path& node) {
  struct stat target {};
  if (::stat(node.c_str(), &target) != 0) return {};
  std::vector<ProcessInfo> holders;
  for (const auto& name : list_directory("/proc")) {
    auto pid = pid_of(name);
    if (pid && holds(*pid, target.st_dev, target.st_ino)) holders.push_back(process_info(*pid));
  }
  std::sort(holders.begin(), holders.end(),
            [](const ProcessInfo& a, const ProcessInfo& b) { return a.pid < b.pid; });
  return holders;
}

std::vector<int> own_process_chain() {
  std::vector<int> chain{static_cast<int>(::getpid())};
  // A loop guard: a pid namespace's init has parent 0, and nothing is deeper than this.
  while (chain.back() > 1 && chain.size() < 4096) {
    auto parent = parent_of(chain.back());
    if (!parent) break;
    chain.push_back(*parent);
  }
  return chain;
}

}  // namespace mdev

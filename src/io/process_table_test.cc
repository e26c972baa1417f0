// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/process_table.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "support/catch.h"
#include "support/temp_dir.h"

using namespace mdev;

namespace {

bool lists(const std::vector<ProcessInfo>& holders, int pid, const std::string& command) {
  return std::any_of(holders.begin(), holders.end(),
                     [&](const ProcessInfo& p) { return p.pid == pid && p.command == command; });
}

// A `sleep` that holds `path` open on descriptor 3, as a VM holds its group.
pid_t spawn_holder(const std::string& path) {
  pid_t pid = ::fork();
  if (pid == 0) {
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0 || ::dup2(fd, 3) < 0) ::_exit(127);
    ::execl("/bin/sleep", "sleep", "30", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

}  // namespace

TEST_CASE("own_process_chain: this process, then its parents up to init") {
  auto chain = own_process_chain();
  REQUIRE(chain.size() >= 2);
  CHECK(chain[0] == ::getpid());
  CHECK(chain[1] == ::getppid());
  CHECK(std::adjacent_find(chain.begin(), chain.end()) == chain.end());
}

TEST_CASE("processes_holding: finds this process and another one, by pid and command") {
  TempDir tmp;
  tmp.write("group", "");
  std::string path = (tmp.path / "group").string();
  CHECK(processes_holding(path).empty());

  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  auto mine = processes_holding(path);
  REQUIRE(mine.size() == 1);
  CHECK(mine[0].pid == ::getpid());
  ::close(fd);
  CHECK(processes_holding(path).empty());

  pid_t holder = spawn_holder(path);
  REQUIRE(holder > 0);
  // Its command is "sleep" once it has exec'd; wait for that, bounded.
  std::vector<ProcessInfo> seen;
  for (int i = 0; i < 200 && !lists(seen, holder, "sleep"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    seen = processes_holding(path);
  }
  CHECK(lists(seen, holder, "sleep"));
  ::kill(holder, SIGKILL);
  ::waitpid(holder, nullptr, 0);
  CHECK(processes_holding(path).empty());
}

TEST_CASE("processes_holding: a missing file has no holders") {
  CHECK(processes_holding("/nonexistent/mdevctl-group").empty());
}

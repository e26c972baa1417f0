// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <filesystem>

#include "io/file_util.h"
#include "io/process_table.h"
#include "model/error.h"

namespace mdev {
namespace fs = std::filesystem;

fs::path private_run_dir(const Root& root) {
  fs::path dir = root.path("run/mdevctl");
  std::error_code ignored;
  fs::create_directories(dir.parent_path(), ignored);
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw Error("cannot make " + dir.string() + ": " + errno_text(errno));
  }
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0)
    throw Error("cannot use " + dir.string() + ": " + errno_text(errno));
  if (S_ISLNK(st.st_mode)) {
    throw Error(dir.string() + " is a symbolic link: refusing to use what it points to");
  }
  if (!S_ISDIR(st.st_mode)) throw Error(dir.string() + " is not a directory");
  if (st.st_uid != ::geteuid() || (st.st_mode & 022) != 0) {
    throw Error(dir.string() + " is not private (owner uid " + std::to_string(st.st_uid) +
                ", others may write to it): refusing to use it");
  }
  return dir;
}

namespace {

// Who holds the flock on `fd`'s file, from /proc/locks: "1: FLOCK ADVISORY
// WRITE PID MAJOR:MINOR:INODE 0 EOF", device numbers in hex.
std::string holder_of(int fd) {
  struct stat st {};
  auto locks = read_file("/proc/locks", FileKind::kStream);
  if (::fstat(fd, &st) != 0 || !locks) return {};
  char want[64];
  std::snprintf(want, sizeof want, " %02x:%02x:%lu ", ::major(st.st_dev), ::minor(st.st_dev),
                static_cast<unsigned long>(st.st_ino));
  for (std::string_view rest = *locks; !rest.empty();) {
    std::string_view line = rest.substr(0, rest.find('\n'));
    rest.remove_prefix(std::min(rest.size(), line.size() + 1));
    auto at = line.find(want);
    if (line.find("FLOCK") == std::string_view::npos || at == std::string_view::npos) continue;
    std::string_view before = line.substr(0, at);
    std::string_view pid_text = before.substr(before.rfind(' ') + 1);
    int pid = 0;
    if (std::from_chars(pid_text.data(), pid_text.data() + pid_text.size(), pid).ec !=
        std::errc()) {
      continue;
    }
    return describe(process_info(pid));
  }
  return {};
}

}  // namespace

std::unique_ptr<RunLock> RunLock::try_acquire(const Root& root, const std::string& name,
                                              std::string* holder) {
  fs::path file = private_run_dir(root) / (name + ".lock");
  int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) throw Error("cannot open lock " + file.string() + ": " + errno_text(errno));
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    int err = errno;
    if (err == EWOULDBLOCK) {
      if (holder) *holder = holder_of(fd);
      ::close(fd);
      return nullptr;
    }
    ::close(fd);
    throw Error("cannot lock " + file.string() + ": " + errno_text(err));
  }
  return std::unique_ptr<RunLock>(new RunLock(fd));
}

RunLock::~RunLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace mdev

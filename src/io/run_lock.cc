#include "io/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "io/file_util.h"
#include "model/error.h"

namespace mdev {

std::unique_ptr<RunLock> RunLock::try_acquire(const Root& root, const std::string& name) {
  return lock(root, name, false);
}

std::unique_ptr<RunLock> RunLock::acquire(const Root& root, const std::string& name) {
  return lock(root, name, true);
}

std::unique_ptr<RunLock> RunLock::lock(const Root& root, const std::string& name, bool wait) {
  std::filesystem::path dir = root.path("run/mdevctl");
  std::error_code ignored;
  std::filesystem::create_directories(dir, ignored);
  std::filesystem::path file = dir / (name + ".lock");
  int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) throw Error("cannot open lock " + file.string() + ": " + errno_text(errno));
  while (::flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno == EWOULDBLOCK && !wait) {
      ::close(fd);
      return nullptr;
    }
    int err = errno;
    ::close(fd);
    throw Error("cannot lock " + file.string() + ": " + errno_text(err));
  }
  return std::unique_ptr<RunLock>(new RunLock(fd));
}

std::unique_ptr<RunLock> RunLock::acquire_directory(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) return std::unique_ptr<RunLock>(new RunLock(-1));
  if (fd < 0) throw Error("cannot open " + dir.string() + ": " + errno_text(errno));
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    int err = errno;
    ::close(fd);
    throw Error("cannot lock " + dir.string() + ": " + errno_text(err));
  }
  return std::unique_ptr<RunLock>(new RunLock(fd));
}

RunLock::~RunLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace mdev

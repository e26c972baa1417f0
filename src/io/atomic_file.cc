// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "io/file_util.h"
#include "model/error.h"

namespace mdev {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& path, int err) {
  throw Error("cannot " + what + " " + path.string() + ": " + errno_text(err));
}

void fsync_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("open directory", dir, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) fail("sync directory", dir, err);
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

// A dot name: listings skip it should a crash ever leave it behind.
constexpr std::string_view kTempSuffix = ".XXXXXX";

void write_file_atomically(const fs::path& path, std::string_view contents) {
  fs::path dir = path.parent_path();
  std::string temp = (dir / ("." + path.filename().string() + std::string(kTempSuffix))).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0) fail("create a file in", dir, errno);
  int err = 0;
  if (::fchmod(fd, 0644) != 0 || !write_all(fd, contents) || ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(temp.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(temp.c_str());
    fail("write", path, err);
  }
  fsync_directory(dir);
}

std::string_view temp_file_target(std::string_view name) {
  if (name.size() <= 1 + kTempSuffix.size() || name[0] != '.') return {};
  size_t dot = name.size() - kTempSuffix.size();
  if (name[dot] != '.') return {};
  return name.substr(1, dot - 1);
}

void remove_file_durably(const fs::path& path) {
  if (::unlink(path.c_str()) != 0) fail("remove", path, errno);
  fsync_directory(path.parent_path());
}

bool make_directory_durably(const fs::path& dir) {
  if (::mkdir(dir.c_str(), 0755) == 0) {
    fsync_directory(dir.parent_path());
    return true;
  }
  if (errno != EEXIST) fail("create directory", dir, errno);
  return false;
}

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/kernel_writes.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "io/file_util.h"

namespace mdev {

namespace fs = std::filesystem;

SysfsWriteError::SysfsWriteError(const fs::path& path, int code)
    : Error(path.string() + ": " + errno_text(code)), code_(code) {}

namespace {

class SysfsWrites final : public KernelWrites {
 public:
  void write(const fs::path& path, const std::string& value, SysfsFile file) const override;
};

}  // namespace

const KernelWrites& kernel_writes() {
  static const SysfsWrites writes;
  return writes;
}

void SysfsWrites::write(const fs::path& path, const std::string& value, SysfsFile file) const {
  // O_NONBLOCK: a FIFO without a reader in place of a sysfs file fails at
  // once instead of hanging the command; the kernel's files ignore the flag.
  // O_NOFOLLOW: sysfs files are never links, but a device dir has links
  // (driver, iommu_group) that an attribute name must not write through.
  int flags = O_WRONLY | O_TRUNC | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC;
  if (file == SysfsFile::kCreateIfMissing) flags |= O_CREAT;
  int fd = ::open(path.c_str(), flags, 0644);
  if (fd < 0) throw SysfsWriteError(path, errno);
  ssize_t n;
  do {
    n = ::write(fd, value.data(), value.size());
  } while (n < 0 && errno == EINTR);
  int err = n < 0 ? errno : 0;
  if (::close(fd) != 0 && err == 0 && errno != EINTR) err = errno;
  if (err != 0) throw SysfsWriteError(path, err);
}

bool KernelWrites::is_held_open(const fs::path& group_node) const {
  int fd = ::open(group_node.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd >= 0) {
    ::close(fd);
    return false;
  }
  return errno == EBUSY;
}

}  // namespace mdev

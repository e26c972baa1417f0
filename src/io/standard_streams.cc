// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/standard_streams.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>

namespace mdev {
namespace {

bool closed_at_start[3] = {false, false, false};

}  // namespace

void guard_standard_streams() {
  for (int fd = 0; fd < 3; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    closed_at_start[fd] = true;
    // The lowest free descriptor is `fd` itself: the ones below are open.
    int null = ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
    if (null >= 0 && null != fd) {
      ::dup2(null, fd);
      ::close(null);
    }
  }
}

int write_standard(StandardStream stream, std::string_view text) {
  const int fd = static_cast<int>(stream);
  if (!text.empty() && closed_at_start[fd]) return EBADF;
  return write_all(fd, text);
}

int write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t written = ::write(fd, text.data(), text.size());
    if (written >= 0) {
      text.remove_prefix(static_cast<size_t>(written));
      continue;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN) return errno;
    pollfd ready{fd, POLLOUT, 0};
    ::poll(&ready, 1, -1);
  }
  return 0;
}

}  // namespace mdev

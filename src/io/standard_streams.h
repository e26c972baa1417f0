// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <string_view>

namespace mdev {

enum class StandardStream { kOut = 1, kErr = 2 };

// Run first thing: a descriptor 0, 1 or 2 that the caller left closed is
// filled with /dev/null, so that no file mdevctl opens later (a config, a
// lock) becomes its stdout. Output to a stream that was closed still fails
// (EBADF), as it would have.
void guard_standard_streams();

// All of `text`, unbuffered, waiting out a full non-blocking pipe; 0, or the
// errno of the write that failed (ENOSPC on /dev/full, EPIPE when the
// reader is gone: SIGPIPE is ignored).
int write_standard(StandardStream stream, std::string_view text);
// The same for any descriptor.
int write_all(int fd, std::string_view text);

}  // namespace mdev

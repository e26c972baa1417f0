// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// mdevctl reports failures as exceptions of one type, caught at one boundary
// (run_main in src/cli/session.cc), which prints "Error: <what>" and exits non-zero.
#include <stdexcept>
#include <string>

namespace mdev {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// A command line that asks for something that makes no sense (options that
// exclude each other, a missing one, a value that is not a number). Found
// before anything is read or changed; mdevctl exits 2 and points to --help.
class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace mdev

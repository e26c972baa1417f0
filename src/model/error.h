#pragma once
// mdevctl reports failures as exceptions of one type, caught at one boundary
// (src/cli/main.cc), which prints "Error: <what>" and exits non-zero.
#include <stdexcept>
#include <string>

namespace mdev {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace mdev

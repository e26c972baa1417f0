// SPDX-License-Identifier: LGPL-2.1-or-later
// The command line, as NUL-separated arguments: parse_command_line turns
// any of them into a command or an early exit, never a crash or a throw.
#include <cstdint>
#include <string>
#include <vector>

#include "cli/command_line.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> args{"mdevctl"};
  std::string current;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == '\0') {
      args.push_back(current);
      current.clear();
    } else {
      current += static_cast<char>(data[i]);
    }
  }
  args.push_back(current);
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  mdev::parse_command_line(static_cast<int>(args.size()), argv.data());
  return 0;
}

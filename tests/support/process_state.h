// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// What tests ask of a process they expect mdevctl to have killed.
#include <chrono>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

// Gone, or a zombie nobody has reaped yet; waits up to 2 s for the kill to land.
inline bool process_ended(const std::string& pid) {
  for (int tries = 0; tries < 100; ++tries) {
    std::ifstream stat("/proc/" + pid + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    size_t paren = text.rfind(')');
    if (!stat || paren == std::string::npos || text.substr(paren + 2, 1) == "Z") return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

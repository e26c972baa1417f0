// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace mdev {

// A process as /proc shows it, for naming who holds a device.
struct ProcessInfo {
  int pid = 0;
  std::string command;  // /proc/PID/comm, e.g. "qemu-system-x86"
};

// A process by pid, its command read now ("?" when it cannot be read).
ProcessInfo process_info(int pid);
// "pid N (command)", as error lines name a process.
std::string describe(const ProcessInfo& process);

// Every process with an open descriptor on the file `node` (compared by
// device and inode, so links and bind mounts do not hide a holder), by pid.
// Processes whose descriptors cannot be read (another user's, without root)
// are not listed.
std::vector<ProcessInfo> processes_holding(const std::filesystem::path& node);

// This process and its chain of parents up to pid 1: the caller that ran
// mdevctl, e.g. libvirtd, is on it.
std::vector<int> own_process_chain();

}  // namespace mdev

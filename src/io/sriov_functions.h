// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// SR-IOV physical functions (PFs) as sysfs shows them (behaviour.md 11.3):
// how many virtual functions (VFs) a PF can have and has now, and where
// each would sit, so that definitions of VFs that do not exist yet lead
// back to their PF. The write that enables them goes through KernelWrites.
#include <optional>
#include <string>
#include <vector>

#include "io/kernel_writes.h"
#include "io/root.h"

namespace mdev {

struct SriovPf {
  std::string address;              // 0000:41:00.0
  unsigned total = 0;               // sriov_totalvfs
  unsigned enabled = 0;             // sriov_numvfs, when read
  unsigned offset = 0, stride = 0;  // routing ids of VF 0 and the next, from the PF's
  std::string vendor = {};          // "0x10de"
};

class SriovFunctions {
 public:
  SriovFunctions(const Root& root, const KernelWrites& writes);

  // nullopt for a device that is no SR-IOV PF (no sriov_totalvfs, or 0).
  std::optional<SriovPf> pf(const std::string& address) const;
  // The addresses of VF 0 .. total-1, enabled or not: the PF's routing id
  // plus offset + n * stride, in its PCI domain.
  std::vector<std::string> vf_addresses(const SriovPf& pf) const;
  // Every SR-IOV PF of the host, byte-sorted (one stat per PCI device).
  std::vector<std::string> pfs() const;
  // sriov_numvfs now; nullopt when it cannot be read.
  std::optional<unsigned> enabled(const std::string& pf) const;
  // `count` to sriov_numvfs; throws SysfsWriteError.
  void enable(const std::string& pf, unsigned count) const;
  // NVIDIA's tool that enables a GPU's VFs, when it is installed: empty otherwise.
  std::string nvidia_tool() const;

 private:
  std::string dir(const std::string& address) const;

  const Root& root_;
  const KernelWrites* writes_;
  std::string devices_dir_;
};

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// The boot chain's first step (behaviour.md 11.3): after a reboot a vGPU
// host has no VF at all until SR-IOV is enabled on the GPU. A PF whose
// would-be VFs hold `auto` definitions and that has no VF yet gets them:
// NVIDIA's `sriov-manage -e PF` for an NVIDIA PF where the tool is
// installed, else the smallest sriov_numvfs that covers every VF with a
// definition. The count is read back (NVIDIA's tool can report success
// and leave 0), and a failed try is tried again with growing pauses (the
// tool fails while NVIDIA's daemons start), within ctx.options.sriov_wait.
// A count already set is never changed. Generic for any SR-IOV PF.
#include <asio/awaitable.hpp>
#include <functional>
#include <string>

#include "engine/context.h"

namespace mdev {

struct SriovStep {
  enum class Outcome {
    kNothingToDo,  // no SR-IOV PF, no auto definition under its VFs, or VFs already there
    kSwitchedOff,  // MDEVCTL_SRIOV_ENABLE=0
    kEnabled,
    kFailed,
  };
  Outcome outcome = Outcome::kNothingToDo;
  std::string pf = {};
  unsigned vfs = 0;  // enabled now (kEnabled), or that would have been
  unsigned tries = 0;
  std::string message = {};  // what was done, or why not
};

// Each try is logged; `on_try`, when given, hears each one's line too (the
// monitor's events).
asio::awaitable<SriovStep> enable_vfs_for_definitions(
    Context& ctx, const std::string& pf, std::function<void(const std::string&)> on_try = {});

}  // namespace mdev

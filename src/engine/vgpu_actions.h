// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Starting and stopping a vGPU on a VF of NVIDIA's vendor-specific VFIO
// (behaviour.md section 11): the create and the remove of an mdev become a
// type id written to the VF and read back, and a `0` retried while a VM's
// vGPU is still going away. Refusals are explained as section 11.1 says.
#include <asio/awaitable.hpp>

#include "engine/context.h"

namespace mdev {

// A start that may succeed later without anyone changing mdevctl's input:
// the GPU is not ready (NVIDIA's daemons not up yet, a MIG GPU instance not
// made yet), not full. The monitor retries these.
class VgpuNotReady : public Error {
 public:
  using Error::Error;
};

// Throws saying why `device` cannot start on its VF now: the VF holds a
// vGPU, its GPU is full, the type is not one this GPU can create. A GPU
// that is not ready yet is the action's to refuse, after the pre call-out.
void check_vgpu_startable(const Context& ctx, const Device& device);

// The primary action of a start: the checks again (the VF's siblings may
// have moved since), the type id, its read-back, the UUID kept, then the
// attributes in order; a failed attribute clears the type again.
asio::awaitable<void> create_vgpu(Context& ctx, const Device& device);

// The primary action of a stop: `0`, retried on EPERM and EBUSY until the
// file reads 0 or ctx.options.vgpu_clear_wait has passed (then the error
// names who holds the VF); then the kept UUID is forgotten. A VF that holds
// nothing already is a device that is not running.
asio::awaitable<void> clear_vgpu(Context& ctx, const ActiveDevice& device);

}  // namespace mdev

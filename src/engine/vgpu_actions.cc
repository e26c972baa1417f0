// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/vgpu_actions.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "async/poll_until.h"
#include "engine/kernel_actions.h"
#include "io/file_util.h"
#include "io/process_table.h"
#include "model/vgpu_types.h"

namespace mdev {
namespace {

using namespace std::chrono_literals;

std::string named(const VgpuTypeRow& row) {
  return vgpu_type_name(row.id) + " (" + row.name + ")";
}

// The name of type `id` when the VF's rows or NVIDIA's catalogue know it.
std::string name_of(const Context& ctx, const VgpuFunction& vf, unsigned long id) {
  for (const auto& row : vf.creatable.rows) {
    if (row.id == id) return row.name;
  }
  const auto& catalogue = ctx.sysfs.vfs().catalogue();
  auto name = catalogue.find(id);
  return name == catalogue.end() ? "" : name->second;
}

// "nvidia-1147 (NVIDIA L40S-1Q)" when the name is known.
std::string describe_type(const Context& ctx, const VgpuFunction& vf, unsigned long id) {
  std::string name = name_of(ctx, vf, id);
  return name.empty() ? vgpu_type_name(id) : named(VgpuTypeRow{id, name});
}

VgpuFunction read_vf(const Context& ctx, const std::string& vf) {
  auto function = ctx.sysfs.vfs().read(vf);
  if (function) return *function;
  // The driver makes them at the VF's init, a moment after the bind.
  if (ctx.sysfs.vfs().is_bound_vf(vf))
    throw VgpuNotReady("VF " + vf + " has no nvidia/ files yet: NVIDIA's driver is setting it up");
  throw Error("VF " + vf + " has no vGPU files (is it still bound to NVIDIA's vGPU driver?)");
}

unsigned long type_id_of(const Device& device) {
  auto id = vgpu_type_id(device.config.type);
  if (!id) {
    throw Error("parent " + device.parent + " is a vGPU VF: its types are named nvidia-<id>, not " +
                device.config.type);
  }
  return *id;
}

std::string already_holds(const Context& ctx, const VgpuFunction& vf) {
  std::string by;
  if (auto kept = ctx.sysfs.vfs().kept(vf.address); kept && kept->type == vf.current) {
    by = ", started by mdevctl as " + kept->uuid.str();
  }
  return "VF " + vf.address + " already holds a vGPU of type " +
         describe_type(ctx, vf, vf.current) + by + ": a VF holds one vGPU at a time";
}

// Why the VF cannot create `id` now, in the terms of section 11.1: only a
// GPU whose sibling VFs hold vGPUs is full; with nothing held and nothing
// creatable, NVIDIA's daemons are not up yet (or a MIG-backed type has no
// GPU instance), which passes by itself.
struct WhyNot {
  std::string reason;
  bool not_ready;
};

WhyNot why_not_creatable(const Context& ctx, const VgpuFunction& vf, unsigned long id) {
  if (vf.creatable_error != 0) {
    return {"its creatable_vgpu_types cannot be read (" + errno_text(vf.creatable_error) +
                "): NVIDIA's driver could not ask the GPU",
            true};
  }
  std::string held;
  for (const auto& sibling : ctx.sysfs.vfs().siblings(vf.address)) {
    auto current = ctx.sysfs.vfs().current_type(sibling);
    if (current && *current != 0)
      held += (held.empty() ? "" : ", ") + sibling + " holds " + describe_type(ctx, vf, *current);
  }
  const bool mig = is_mig_backed_name(name_of(ctx, vf, id));
  const std::string no_instance =
      "it is MIG-backed: is there a GPU instance for it? (nvidia-smi mig -lgi)";
  if (vf.creatable.rows.empty()) {
    if (!held.empty()) return {"its GPU is full (VF " + held + ")", false};
    return {mig ? "no type is creatable yet, and " + no_instance
                : "no type is creatable yet: NVIDIA's vGPU daemons (nvidia-vgpud, "
                  "nvidia-vgpu-mgr) are not ready",
            true};
  }
  std::string now;
  bool listed = false;
  for (const auto& row : vf.creatable.rows) {
    now += (now.empty() ? "" : ", ") + named(row);
    listed = listed || row.id == id;
  }
  now = "creatable are " + now;
  if (listed) return {"the VF lists it as creatable; " + now, true};
  if (mig) return {no_instance + "; " + now, true};
  if (!held.empty()) {
    return {"its GPU is full for this type beside what it holds (VF " + held + "); " + now, false};
  }
  return {"not a type this GPU can create; " + now, false};
}

[[noreturn]] void refuse(const WhyNot& why, const std::string& message) {
  if (why.not_ready) throw VgpuNotReady(message);
  throw Error(message);
}

// Before the pre call-out, a type that is not ready is let through: the pre
// is where a site makes its MIG GPU instance (behaviour.md 11.3). The
// action, after it, refuses it as not ready if it still is.
enum class Moment { kBeforePre, kAction };

void refuse_unless_free_for(const Context& ctx, const VgpuFunction& vf, const Device& device,
                            Moment moment) {
  if (vf.current != 0) throw Error(already_holds(ctx, vf));
  const unsigned long id = type_id_of(device);
  bool creatable = std::any_of(vf.creatable.rows.begin(), vf.creatable.rows.end(),
                               [id](const VgpuTypeRow& row) { return row.id == id; });
  if (creatable) return;
  WhyNot why = why_not_creatable(ctx, vf, id);
  if (why.not_ready && moment == Moment::kBeforePre) return;
  refuse(why, "type " + describe_type(ctx, vf, id) + " cannot be created on VF " + vf.address +
                  " now: " + why.reason);
}

// Writes `id`. A refusal is read against the VF as it is now: R5xx says
// EPERM and upstream EBUSY for a VF that holds a vGPU, never a permission
// problem; EIO, ENODEV, ENOSPC and EINVAL are the driver's no to the type.
asio::awaitable<void> set_type(Context& ctx, const std::string& vf, unsigned long id,
                               const std::string& what) {
  int code = 0;
  try {
    co_await set_vgpu_type_in_kernel(ctx, vf, id, what);
  } catch (const KernelRefusal& refusal) {
    if (refusal.code() == EACCES) throw;
    code = refusal.code();
  }
  if (code == 0) co_return;
  VgpuFunction now = read_vf(ctx, vf);
  if (now.current != 0) throw Error(already_holds(ctx, now));
  WhyNot why = why_not_creatable(ctx, now, id);
  refuse(why, "NVIDIA's driver refused type " + describe_type(ctx, now, id) + " on VF " + vf +
                  " (" + errno_text(code) + ", os error " + std::to_string(code) +
                  "): " + why.reason + "; see the kernel log (NVRM)");
}

// Who keeps a VF from clearing, for the error line.
std::string holder_text(const Context& ctx, const std::string& vf) {
  std::string held;
  for (const auto& holder : ctx.sysfs.vfs().holders(vf))
    held += (held.empty() ? "" : ", ") + describe(holder);
  if (held.empty()) {
    return "no process mdevctl can see holds the VF: its VM may still be exiting (see the kernel "
           "log, NVRM)";
  }
  return "the VF is held by " + held;
}

}  // namespace

void check_vgpu_startable(const Context& ctx, const Device& device) {
  try {
    refuse_unless_free_for(ctx, read_vf(ctx, device.parent), device, Moment::kBeforePre);
  } catch (const VgpuNotReady&) {
    // No nvidia/ files yet: the action says so if they are still missing.
  }
}

asio::awaitable<void> create_vgpu(Context& ctx, const Device& device) {
  const std::string& vf = device.parent;
  refuse_unless_free_for(ctx, read_vf(ctx, vf), device, Moment::kAction);
  const unsigned long id = type_id_of(device);
  const std::string what =
      "creating " + device.uuid.str() + " on VF " + vf + " type " + device.config.type;
  co_await set_type(ctx, vf, id, what);
  // Both drivers set the type or refuse it; a read-back that differs means
  // someone else wrote in between.
  auto now = ctx.sysfs.vfs().current_type(vf);
  if (now != id) {
    throw Error(what + " failed: the VF's current_vgpu_type reads " +
                (now ? std::to_string(*now) : std::string("nothing")) + " after " +
                std::to_string(id) + " was accepted");
  }
  ActiveDevice active{device.uuid, vf, ctx.sysfs.vfs().dir(vf), device.config.type,
                      DeviceKind::kVgpu};
  std::string failure;
  try {
    // The kernel keeps no UUID for a VF: without this record the vGPU would
    // be listed under another UUID than the one it was started as.
    ctx.sysfs.vfs().keep(vf, KeptVgpu{device.uuid, id});
    for (const auto& attr : device.config.attrs) {
      co_await write_attribute_in_kernel(ctx, active, attr, device.config.type);
    }
  } catch (const Error& e) {
    failure = e.what();
  }
  if (failure.empty()) co_return;
  try {
    co_await clear_vgpu(ctx, active);
    failure += "; the type was cleared again";
  } catch (const Error& clear_error) {
    failure += std::string("; clearing the type again failed too: ") + clear_error.what();
  }
  throw Error(failure);
}

// A VM that is going away still holds the vGPU while the driver's task for
// it ends: R5xx refuses the `0` with EPERM, then EBUSY; upstream with EBUSY.
// Each refusal is checked against the file, and the clear is done as soon
// as it reads 0.
asio::awaitable<void> clear_vgpu(Context& ctx, const ActiveDevice& device) {
  const std::string& vf = device.parent;
  const std::string what = "removing device " + device.uuid.str() + " from VF " + vf;
  auto held = ctx.sysfs.vfs().current_type(vf);
  if (!held || *held == 0) {
    ctx.sysfs.vfs().forget(vf);
    throw Error("device " + device.uuid.str() + " is not running");
  }
  unsigned tries = 0;
  std::string last;
  std::function<asio::awaitable<bool>()> cleared = [&]() -> asio::awaitable<bool> {
    ++tries;
    last.clear();
    try {
      co_await set_vgpu_type_in_kernel(ctx, vf, 0, what);
    } catch (const KernelRefusal& refusal) {
      if (refusal.code() != EPERM && refusal.code() != EBUSY) throw;
      last = errno_text(refusal.code()) + " (os error " + std::to_string(refusal.code()) + ")";
    }
    auto now = ctx.sysfs.vfs().current_type(vf);
    if (now && *now == 0) co_return true;
    if (last.empty()) last = "it still reads " + (now ? std::to_string(*now) : "nothing");
    ctx.log.debug(what + ": " + last);
    co_return false;
  };
  if (!co_await async::poll_until(cleared, ctx.options.vgpu_clear_wait, async::Backoff{50ms, 1s})) {
    throw Error(what + " failed: the VF still holds its vGPU after " + std::to_string(tries) +
                " tries within " + std::to_string(ctx.options.vgpu_clear_wait.count()) + " ms (" +
                last + "); " + holder_text(ctx, vf));
  }
  ctx.sysfs.vfs().forget(vf);
}

}  // namespace mdev

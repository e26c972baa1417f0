#include "engine/vgpu_actions.h"

#include <algorithm>
#include <cerrno>

#include "async/sleep.h"
#include "engine/kernel_actions.h"
#include "model/vgpu_types.h"

namespace mdev {
namespace {

std::string named(const VgpuTypeRow& row) {
  return vgpu_type_name(row.id) + " (" + row.name + ")";
}

// "nvidia-1147 (NVIDIA L40S-1Q)" when a row or the catalogue knows the name.
std::string describe_type(const Context& ctx, const VgpuFunction& vf, unsigned long id) {
  for (const auto& row : vf.creatable.rows) {
    if (row.id == id) return named(row);
  }
  const auto& catalogue = ctx.sysfs.vfs().catalogue();
  auto name = catalogue.find(id);
  return name == catalogue.end() ? vgpu_type_name(id)
                                 : named(VgpuTypeRow{name->first, name->second});
}

VgpuFunction read_vf(const Context& ctx, const std::string& vf) {
  auto function = ctx.sysfs.vfs().read(vf);
  if (!function) throw Error("VF " + vf + " has no vGPU files (is it still bound to nvidia?)");
  return *function;
}

unsigned long type_id_of(const Device& device) {
  auto id = vgpu_type_id(device.config.type);
  if (!id) {
    throw Error("parent " + device.parent + " is a vGPU VF: its types are named nvidia-<id>, not " +
                device.config.type);
  }
  return *id;
}

void refuse_unless_free_for(const Context& ctx, const VgpuFunction& vf, const Device& device) {
  const unsigned long id = type_id_of(device);
  if (vf.current != 0) {
    std::string by;
    if (auto kept = ctx.sysfs.vfs().kept(vf.address); kept && kept->type == vf.current) {
      by = ", started by mdevctl as " + kept->uuid.str();
    }
    throw Error("VF " + vf.address + " already holds a vGPU of type " +
                describe_type(ctx, vf, vf.current) + by + ": a VF holds one vGPU at a time");
  }
  bool creatable = std::any_of(vf.creatable.rows.begin(), vf.creatable.rows.end(),
                               [id](const VgpuTypeRow& row) { return row.id == id; });
  if (creatable) return;
  std::string now;
  for (const auto& row : vf.creatable.rows) now += (now.empty() ? "" : ", ") + named(row);
  throw VgpuNotReady(
      "type " + describe_type(ctx, vf, id) + " cannot be created on VF " + vf.address +
      " now: " + (now.empty() ? "its GPU is full (no type is creatable)" : "creatable are " + now));
}

// Writes `id` and reads it back; EIO (no MIG instance yet) may pass later.
asio::awaitable<void> set_type(Context& ctx, const std::string& vf, unsigned long id,
                               const std::string& what) {
  try {
    co_await set_vgpu_type_in_kernel(ctx, vf, id, what);
  } catch (const KernelRefusal& refusal) {
    if (refusal.code() == EIO) throw VgpuNotReady(refusal.what());
    throw;
  }
}

}  // namespace

void check_vgpu_startable(const Context& ctx, const Device& device) {
  refuse_unless_free_for(ctx, read_vf(ctx, device.parent), device);
}

asio::awaitable<void> create_vgpu(Context& ctx, const Device& device) {
  const std::string& vf = device.parent;
  refuse_unless_free_for(ctx, read_vf(ctx, vf), device);
  const unsigned long id = type_id_of(device);
  const std::string what =
      "creating " + device.uuid.str() + " on VF " + vf + " type " + device.config.type;
  co_await set_type(ctx, vf, id, what);
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
    // be listed under the VF's derived UUID, not the one it was started as.
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

// Proxmox's experience: a VM that is going away still holds the VF for a
// few seconds, during which a 0 is refused (EBUSY) or does not stick.
asio::awaitable<void> clear_vgpu(Context& ctx, const ActiveDevice& device) {
  const std::string& vf = device.parent;
  const std::string what = "removing device " + device.uuid.str() + " from VF " + vf;
  const auto give_up = async::Clock::now() + ctx.options.vgpu_clear_wait;
  std::chrono::milliseconds pause{50};
  std::string last;
  for (unsigned tries = 1;; ++tries) {
    try {
      co_await set_vgpu_type_in_kernel(ctx, vf, 0, what);
      auto now = ctx.sysfs.vfs().current_type(vf);
      if (now && *now == 0) break;
      last = "its current_vgpu_type still reads " + (now ? std::to_string(*now) : "nothing");
    } catch (const KernelRefusal& refusal) {
      if (refusal.code() != EBUSY) throw;
      last = refusal.what();
    }
    if (async::Clock::now() + pause > give_up) {
      throw Error(what + " failed: the type did not clear in " + std::to_string(tries) +
                  " tries within " + std::to_string(ctx.options.vgpu_clear_wait.count()) + " ms (" +
                  last + "); a VM may still hold the VF");
    }
    ctx.log.debug(what + ": " + last + "; trying again");
    co_await async::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(1000));
  }
  ctx.sysfs.vfs().forget(vf);
}

}  // namespace mdev

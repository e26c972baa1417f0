// SPDX-License-Identifier: LGPL-2.1-or-later
#include "commands/define_count.h"

#include "commands/helpers.h"
#include "engine/lock_wait.h"
#include "engine/nvidia_vf_parent.h"
#include "engine/pipeline.h"
#include "model/names.h"

namespace mdev {
namespace {

// Free: no definition of its own, and no vGPU now.
bool is_free(const Context& ctx, const std::string& vf) {
  if (ctx.store.has_definitions(vf)) return false;
  auto current = ctx.sysfs.vfs().current_type(vf);
  return !current || *current == 0;
}

// The type by the names rule, asked of a VF of the PF that is there; before
// SR-IOV is enabled none is, and NVIDIA's catalogue or a hex id still name it.
std::string type_on(const Context& ctx, const std::vector<std::string>& vfs,
                    const std::string& given) {
  for (const auto& vf : vfs) {
    if (ctx.sysfs.parent_has_types(vf)) return type_meant_on(ctx, vf, given);
  }
  return nvidia_vf_parent().type_meant(ctx, vfs.front(), given);
}

}  // namespace

asio::awaitable<std::string> define_on_free_vfs(Context& ctx, DefineRequest request) {
  const std::string& pf_name = *request.parent;
  check_parent_name(pf_name);
  const unsigned wanted = static_cast<unsigned>(std::stoul(*request.count));
  auto pf = ctx.sysfs.sriov().pf(pf_name);
  if (!pf) {
    throw Error("--count defines devices on the VFs of an SR-IOV PF: " + pf_name +
                " has no sriov_totalvfs");
  }
  const std::vector<std::string> vfs = ctx.sysfs.sriov().vf_addresses(*pf);
  DeviceConfig config;
  if (request.jsonfile) {
    config = read_config_file(*request.jsonfile);
  } else {
    config.type = type_on(ctx, vfs, *request.type);
    config.autostart = request.autostart;
  }
  check_type_name(config.type);

  // Chosen before the lock, so that a refusal leaves nothing behind, and
  // chosen again under it: another define may have taken a VF meanwhile.
  auto choose = [&] {
    std::vector<Device> devices;
    for (const auto& vf : vfs) {
      if (devices.size() == wanted) break;
      ctx.store.refuse_linked_parent(vf);
      if (is_free(ctx, vf)) devices.push_back(Device{Uuid::random(), vf, config});
    }
    if (devices.size() < wanted) {
      throw Error("cannot define " + std::to_string(wanted) + " device(s) on " + pf_name + ": " +
                  std::to_string(devices.size()) + " of its " + std::to_string(vfs.size()) +
                  " VFs are free (no definition, no vGPU)");
    }
    for (const auto& device : devices) ctx.store.check_size(device);
    return devices;
  };
  choose();
  auto lock = co_await lock_definitions(ctx);
  const std::vector<Device> devices = choose();
  // All or nothing: a refusal (a pre call-out's, a write's) takes back the
  // definitions made before it.
  std::vector<const Device*> written;
  std::string out;
  try {
    for (const auto& device : devices) {
      auto write = [&ctx, &device]() -> asio::awaitable<void> {
        ctx.store.write(device);
        co_return;
      };
      co_await run_device_pipeline(ctx, Action::kDefine, device, write());
      written.push_back(&device);
      out += device.uuid.str() + "\n";
    }
  } catch (const std::exception&) {
    for (const Device* device : written) ctx.store.remove(device->parent, device->uuid);
    throw;
  }
  co_return out;
}

}  // namespace mdev

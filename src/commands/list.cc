// SPDX-License-Identifier: LGPL-2.1-or-later
// list: running devices (any, also those made outside mdevctl) or, with
// --defined, the definitions in etc/mdevctl.d; as text or JSON.
#include <algorithm>
#include <map>
#include <set>

#include "commands/attributes.h"
#include "commands/commands.h"
#include "commands/helpers.h"
#include "engine/parent_kind.h"
#include "model/format.h"

namespace mdev {
namespace {

struct Filter {
  std::optional<Uuid> uuid;
  std::optional<std::string> parent;
  // With -p naming an SR-IOV PF: its VFs, enabled or would-be (behaviour.md 11.2).
  std::set<std::string> vfs = {};
  bool matches(const Uuid& u, const std::string& p) const {
    return (!uuid || *uuid == u) && (!parent || *parent == p || vfs.count(p) > 0);
  }
};

bool by_parent_then_uuid(const ListedDevice& a, const ListedDevice& b) {
  if (a.device.parent != b.device.parent) return a.device.parent < b.device.parent;
  return a.device.uuid < b.device.uuid;
}

asio::awaitable<std::vector<ListedDevice>> defined_devices(Context& ctx, const Filter& filter) {
  auto loaded = co_await ctx.store.load_all(ctx.runtime.workers());
  log_warnings(ctx, loaded.warnings);
  std::set<std::pair<Uuid, std::string>> running;
  for (auto& active : co_await ctx.sysfs.active_devices(ctx.runtime.workers()))
    running.emplace(active.uuid, active.parent);
  std::vector<ListedDevice> out;
  out.reserve(loaded.devices.size());
  for (auto& device : loaded.devices) {
    if (!filter.matches(device.uuid, device.parent)) continue;
    bool active = running.count({device.uuid, device.parent}) > 0;
    out.push_back(ListedDevice{std::move(device), active});
  }
  co_return out;
}

// The VM a running vGPU is in: the process that holds its VF open.
std::string holder_of(const Context& ctx, const std::string& vf) {
  std::string out;
  for (const auto& process : ctx.sysfs.vfs().holders(vf))
    out += (out.empty() ? "" : ", ") + std::to_string(process.pid) + " (" + process.command + ")";
  return out;
}

asio::awaitable<std::vector<ListedDevice>> active_devices(Context& ctx, const Filter& filter,
                                                          bool verbose) {
  std::vector<std::string> skipped;
  std::vector<ActiveDevice> running =
      co_await ctx.sysfs.active_devices(ctx.runtime.workers(), &skipped);
  log_warnings(ctx, skipped);
  std::erase_if(running, [&](const ActiveDevice& a) { return !filter.matches(a.uuid, a.parent); });
  std::map<std::pair<Uuid, std::string>, bool> autostart;
  if (!running.empty()) {
    auto loaded = co_await ctx.store.load_all(ctx.runtime.workers());
    log_warnings(ctx, loaded.warnings);
    for (auto& device : loaded.devices) {
      autostart.emplace(std::pair{device.uuid, device.parent}, device.config.autostart);
    }
  }
  std::vector<ListedDevice> out;
  out.reserve(running.size());
  for (ActiveDevice& active : running) {
    std::string holder =
        verbose && active.kind == DeviceKind::kVgpu ? holder_of(ctx, active.parent) : "";
    Device device{active.uuid, std::move(active.parent), {}};
    device.config.type = std::move(active.type);
    std::string().swap(active.dir);  // not needed again: keeps the peak low
    // Only the start mode comes from the definition: its attributes may have
    // changed since the device started, and libvirt reads this listing as
    // the running device's state. Those come from the get call-out alone.
    auto defined = autostart.find({device.uuid, device.parent});
    if (defined != autostart.end()) device.config.autostart = defined->second;
    out.push_back(ListedDevice{std::move(device), defined != autostart.end(), std::move(holder)});
  }
  running = {};
  co_await fill_attributes_from_callouts(ctx, out);
  co_return out;
}

// libvirt turns every device of an unfiltered JSON listing into an mdev
// node device, which a vGPU on a VF is not: it is there only when asked
// for by name. Asked only for this listing.
void drop_vgpus(const Context& ctx, std::vector<ListedDevice>& devices) {
  std::erase_if(devices, [&](const ListedDevice& listed) {
    return !parent_kind(ctx, listed.device.parent).in_json_listings();
  });
}

}  // namespace

asio::awaitable<std::string> execute(Context& ctx, ListRequest request) {
  Filter filter{parse_optional_uuid(request.uuid), request.parent};
  check_optional_parent(request.parent);
  if (request.parent) {
    if (auto pf = ctx.sysfs.sriov().pf(*request.parent)) {
      for (auto& vf : ctx.sysfs.sriov().vf_addresses(*pf)) filter.vfs.insert(std::move(vf));
    }
  }

  std::vector<ListedDevice> devices;
  if (request.defined) {
    devices = co_await defined_devices(ctx, filter);
  } else {
    devices = co_await active_devices(ctx, filter, request.verbose);
    if (ctx.sysfs.parents().empty()) hint_no_parents(ctx);
  }
  std::sort(devices.begin(), devices.end(), by_parent_then_uuid);
  if (request.dumpjson && !filter.uuid && !filter.parent) drop_vgpus(ctx, devices);

  if (request.dumpjson) co_return format_list_json(devices, filter.uuid.has_value());
  co_return format_list_text(devices, request.defined ? ListKind::kDefined : ListKind::kActive,
                             request.verbose);
}

}  // namespace mdev

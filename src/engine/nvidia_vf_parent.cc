// SPDX-License-Identifier: LGPL-2.1-or-later
#include "engine/nvidia_vf_parent.h"

#include "engine/vgpu_actions.h"
#include "model/type_names.h"
#include "model/vgpu_types.h"

namespace mdev {
namespace {

class NvidiaVfParent final : public ParentKind {
 public:
  void check_startable(const Context& ctx, const Device& device) const override {
    check_vgpu_startable(ctx, device);
  }
  asio::awaitable<void> create(Context& ctx, const Device& device) const override {
    return create_vgpu(ctx, device);
  }
  // The kernel's answer to a `0` is not the end of it: clear_vgpu reads it back.
  asio::awaitable<void> remove(Context& ctx, const ActiveDevice& device) const override {
    return clear_vgpu(ctx, device);
  }
  // A VF lists only what it can create now: a hex id is an id all the same,
  // and NVIDIA's catalogue names the rest.
  std::string type_meant(const Context& ctx, const std::string& parent,
                         const std::string& given) const override {
    std::string meant = mdev::type_meant(given, ctx.sysfs.types(parent), parent);
    if (meant != given) return meant;
    if (std::string hex = hex_vgpu_type(given); !hex.empty()) return hex;
    std::vector<TypeInfo> catalogue;
    for (const auto& [id, name] : ctx.sysfs.vfs().catalogue())
      catalogue.push_back(TypeInfo{vgpu_type_name(id), 0, "vfio-pci", name, ""});
    return mdev::type_meant(given, catalogue, parent);
  }
  bool ready_for(const Context& ctx, const std::string& parent, const std::string&) const override {
    return ctx.sysfs.vfs().read(parent).has_value();
  }
  std::string awaiting(const std::string& parent, const std::string&) const override {
    return "waiting for NVIDIA's driver to make the nvidia/ files of VF " + parent;
  }
  bool kernel_announces_devices() const override { return false; }
  bool in_json_listings() const override { return false; }
  bool types_named_by_siblings() const override { return true; }
};

}  // namespace

const ParentKind& nvidia_vf_parent() {
  static const NvidiaVfParent kind;
  return kind;
}

}  // namespace mdev

#include "support/fake_vgpu_driver.h"

#include <cerrno>
#include <cstdio>
#include <fstream>

#include "io/kernel_writes.h"

namespace fs = std::filesystem;

namespace {

void put(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::trunc) << text;
}

std::string vf_address(const std::string& pf, unsigned index) {
  unsigned fn = 4 + index;  // VFs follow the PF's own functions, as on real boards
  char out[32];
  std::snprintf(out, sizeof out, "%s:%02x.%u", pf.substr(0, 7).c_str(), fn / 8, fn % 8);
  return out;
}

}  // namespace

// A VF sits beside its PF under their bridge, as in sysfs.
fs::path FakeVgpuDriver::vf_dir(const std::string& vf) const {
  return root_ / "sys/devices/pci0000:00" / vf;
}

std::vector<std::string> FakeVgpuDriver::add_gpu(const std::string& pf, unsigned vf_count,
                                                 std::vector<FakeVgpuType> types,
                                                 unsigned framebuffer_gb) {
  std::lock_guard lock(mutex_);
  Gpu& gpu = gpus_[pf];
  gpu.types = std::move(types);
  gpu.framebuffer_gb = framebuffer_gb;
  fs::path pf_dir = root_ / "sys/devices/pci0000:00" / pf;
  fs::create_directories(pf_dir);
  fs::create_directories(root_ / "sys/bus/pci/drivers/nvidia");
  fs::create_directories(root_ / "sys/bus/pci/devices");
  fs::create_symlink(pf_dir, root_ / "sys/bus/pci/drivers/nvidia" / pf);
  for (unsigned i = 0; i < vf_count; ++i) {
    std::string vf = vf_address(pf, i);
    gpu.vfs.push_back(vf);
    vfs_[vf] = Vf{pf, 0, 0};
    fs::path dir = vf_dir(vf);
    put(dir / "nvidia/current_vgpu_type", "0\n");
    put(dir / "nvidia/vgpu_params", "");
    fs::create_symlink(pf_dir, dir / "physfn");
    std::string group = std::to_string(next_group_++);
    group_of_[vf] = group;
    fs::create_directories(root_ / "sys/kernel/iommu_groups" / group);
    fs::create_symlink(root_ / "sys/kernel/iommu_groups" / group, dir / "iommu_group");
    put(root_ / "dev/vfio" / group, "");
    fs::create_symlink(dir, root_ / "sys/bus/pci/devices" / vf);
    fs::create_symlink(dir, root_ / "sys/bus/pci/drivers/nvidia" / vf);
  }
  publish(gpu);
  return gpu.vfs;
}

const FakeVgpuType* FakeVgpuDriver::type_of(const Gpu& gpu, unsigned long id) const {
  for (const auto& type : gpu.types) {
    if (type.id == id) return &type;
  }
  return nullptr;
}

std::vector<const FakeVgpuType*> FakeVgpuDriver::creatable(const Gpu& gpu,
                                                           const std::string& vf) const {
  std::vector<const FakeVgpuType*> out;
  if (vfs_.at(vf).current != 0) return out;
  unsigned used = 0, held_size = 0;
  for (const auto& sibling : gpu.vfs) {
    if (const FakeVgpuType* held = type_of(gpu, vfs_.at(sibling).current)) {
      used += held->size_gb;
      held_size = held->size_gb;
    }
  }
  for (const auto& type : gpu.types) {
    bool same_size = held_size == 0 || type.size_gb == held_size;
    if (same_size && used + type.size_gb <= gpu.framebuffer_gb) out.push_back(&type);
  }
  return out;
}

void FakeVgpuDriver::publish(const Gpu& gpu) const {
  for (const auto& vf : gpu.vfs) {
    std::string rows = "ID    : vGPU Name\n";
    for (const FakeVgpuType* type : creatable(gpu, vf)) {
      char row[128];
      std::snprintf(row, sizeof row, "%-6lu: NVIDIA %s\n", type->id, type->name.c_str());
      rows += row;
    }
    put(vf_dir(vf) / "nvidia/creatable_vgpu_types", rows);
    put(vf_dir(vf) / "nvidia/current_vgpu_type", std::to_string(vfs_.at(vf).current) + "\n");
  }
}

void FakeVgpuDriver::set_outside(const std::string& vf, unsigned long id) {
  std::lock_guard lock(mutex_);
  vfs_.at(vf).current = id;
  publish(gpus_.at(vfs_.at(vf).pf));
}

void FakeVgpuDriver::make_gpu_instance(const std::string& pf, unsigned long id) {
  std::lock_guard lock(mutex_);
  gpus_.at(pf).gpu_instances.insert(id);
}

void FakeVgpuDriver::clears_stick_on_write(unsigned n) {
  std::lock_guard lock(mutex_);
  clear_sticks_on_ = n;
}

void FakeVgpuDriver::hold_group(const std::string& vf) {
  std::lock_guard lock(mutex_);
  held_groups_.insert(group_of_.at(vf));
}

void FakeVgpuDriver::drop_type_writes() {
  std::lock_guard lock(mutex_);
  drop_type_writes_ = true;
}

unsigned long FakeVgpuDriver::current(const std::string& vf) const {
  std::lock_guard lock(mutex_);
  return vfs_.at(vf).current;
}

bool FakeVgpuDriver::is_held_open(const fs::path& node) const {
  std::lock_guard lock(mutex_);
  return held_groups_.count(node.filename().string()) > 0;
}

void FakeVgpuDriver::write_type(const fs::path& path, const std::string& value) {
  std::lock_guard lock(mutex_);
  std::string vf = path.parent_path().parent_path().filename().string();
  auto found = vfs_.find(vf);
  if (found == vfs_.end()) throw mdev::SysfsWriteError(path, ENOENT);
  Vf& state = found->second;
  Gpu& gpu = gpus_.at(state.pf);
  unsigned long id = 0;
  try {
    id = std::stoul(value);
  } catch (const std::exception&) {
    throw mdev::SysfsWriteError(path, EINVAL);
  }
  if (id == 0) {
    if (state.current != 0 && ++state.clears % clear_sticks_on_ != 0) return;  // accepted, ignored
    state.current = 0;
    state.clears = 0;
  } else {
    if (state.current != 0) throw mdev::SysfsWriteError(path, EBUSY);
    const FakeVgpuType* type = nullptr;
    for (const FakeVgpuType* offered : creatable(gpu, vf)) {
      if (offered->id == id) type = offered;
    }
    if (!type) throw mdev::SysfsWriteError(path, EINVAL);
    if (type->mig && !gpu.gpu_instances.count(id)) throw mdev::SysfsWriteError(path, EIO);
    if (drop_type_writes_) return;
    state.current = id;
  }
  publish(gpu);
}

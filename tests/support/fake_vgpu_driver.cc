// SPDX-License-Identifier: LGPL-2.1-or-later
#include "support/fake_vgpu_driver.h"

#include <cerrno>
#include <cstdio>
#include <fstream>

#include "io/kernel_writes.h"

namespace fs = std::filesystem;

namespace {

// As a read of sysfs sees it: the old text or the new, never a file cut
// short (mdevctl's worker threads read siblings' files while a write of
// one VF makes the driver publish them all).
void put(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  fs::path staged = path;
  staged += ".new";
  std::ofstream(staged, std::ios::trunc) << text;
  fs::rename(staged, path);
}

std::string vf_address(const std::string& pf, unsigned index) {
  unsigned fn = 4 + index;  // VFs follow the PF's own functions, as on real boards
  char out[32];
  std::snprintf(out, sizeof out, "%s:%02x.%u", pf.substr(0, 7).c_str(), fn / 8, fn % 8);
  return out;
}

bool is_r5xx(FakeVgpuFlavour flavour) {
  return flavour == FakeVgpuFlavour::kR5xx;
}

}  // namespace

// A VF sits beside its PF under their bridge, as in sysfs.
fs::path FakeVgpuDriver::vf_dir(const std::string& vf) const {
  return root_ / "sys/devices/pci0000:00" / vf;
}

std::vector<std::string> FakeVgpuDriver::add_gpu(const std::string& pf, unsigned vf_count,
                                                 std::vector<FakeVgpuType> types,
                                                 unsigned framebuffer_gb, FakeVgpuFlavour flavour) {
  std::lock_guard lock(mutex_);
  add_pf(pf, vf_count, std::move(types), framebuffer_gb, flavour);
  make_vfs(pf, vf_count);
  return gpus_.at(pf).vfs;
}

void FakeVgpuDriver::add_gpu_without_vfs(const std::string& pf, unsigned total_vfs,
                                         std::vector<FakeVgpuType> types, unsigned framebuffer_gb,
                                         FakeVgpuFlavour flavour) {
  std::lock_guard lock(mutex_);
  add_pf(pf, total_vfs, std::move(types), framebuffer_gb, flavour);
}

void FakeVgpuDriver::add_pf(const std::string& pf, unsigned total_vfs,
                            std::vector<FakeVgpuType> types, unsigned framebuffer_gb,
                            FakeVgpuFlavour flavour) {
  Gpu& gpu = gpus_[pf];
  gpu.total_vfs = total_vfs;
  gpu.types = std::move(types);
  gpu.framebuffer_gb = framebuffer_gb;
  gpu.flavour = flavour;
  const fs::path driver =
      root_ / "sys/bus/pci/drivers" / (is_r5xx(flavour) ? "nvidia" : "nvidia-vgpu-vfio");
  fs::path pf_dir = root_ / "sys/devices/pci0000:00" / pf;
  fs::create_directories(pf_dir);
  fs::create_directories(driver);
  fs::create_directories(root_ / "sys/bus/pci/devices");
  put(pf_dir / "vendor", "0x10de\n");
  put(pf_dir / "sriov_totalvfs", std::to_string(total_vfs) + "\n");
  put(pf_dir / "sriov_numvfs", "0\n");
  put(pf_dir / "sriov_offset", "4\n");  // VFs follow the PF's own functions, as on real boards
  put(pf_dir / "sriov_stride", "1\n");
  fs::create_symlink(pf_dir, root_ / "sys/bus/pci/devices" / pf);
  if (is_r5xx(flavour)) {
    fs::create_symlink(pf_dir, driver / pf);
    fs::create_symlink(driver, pf_dir / "driver");
  }
}

// What the kernel does for sriov_numvfs, and the driver's probe of each VF.
void FakeVgpuDriver::make_vfs(const std::string& pf, unsigned count) {
  Gpu& gpu = gpus_.at(pf);
  const fs::path driver =
      root_ / "sys/bus/pci/drivers" / (is_r5xx(gpu.flavour) ? "nvidia" : "nvidia-vgpu-vfio");
  fs::path pf_dir = root_ / "sys/devices/pci0000:00" / pf;
  for (unsigned i = 0; i < count; ++i) {
    std::string vf = vf_address(pf, i);
    gpu.vfs.push_back(vf);
    vfs_[vf] = Vf{pf};
    vfs_[vf].files = !files_late_;
    fs::path dir = vf_dir(vf);
    fs::create_directories(dir);
    if (!files_late_) make_vf_files(vf, gpu.flavour);
    fs::create_symlink(pf_dir, dir / "physfn");
    fs::create_symlink(dir, pf_dir / ("virtfn" + std::to_string(i)));
    fs::create_symlink(driver, dir / "driver");
    std::string group = std::to_string(next_group_++);
    std::string cdev = "vfio" + std::to_string(next_group_ - 101);
    group_of_[vf] = group;
    cdev_of_[vf] = cdev;
    fs::create_directories(root_ / "sys/kernel/iommu_groups" / group);
    fs::create_symlink(root_ / "sys/kernel/iommu_groups" / group, dir / "iommu_group");
    fs::create_directories(dir / "vfio-dev" / cdev);
    put(root_ / "dev/vfio" / group, "");
    put(root_ / "dev/vfio/devices" / cdev, "");
    fs::create_symlink(dir, root_ / "sys/bus/pci/devices" / vf);
    fs::create_symlink(dir, driver / vf);
  }
  put(pf_dir / "sriov_numvfs", std::to_string(count) + "\n");
  publish(gpu);
}

void FakeVgpuDriver::make_vf_files(const std::string& vf, FakeVgpuFlavour flavour) {
  fs::path dir = vf_dir(vf);
  put(dir / "nvidia/current_vgpu_type", "0\n");
  if (is_r5xx(flavour)) {
    // Made by the driver's init: ENXIO on read and write until a vGPU exists.
    for (const char* name : {"gpu_instance_id", "placement_id"}) put(dir / "nvidia" / name, "");
    put(dir / "nvidia/vgpu_params", "\n");
    put(dir / "nvidia/warm_update", "0\n");
  }
}

void FakeVgpuDriver::enable_vfs(const fs::path& path, const std::string& value) {
  std::lock_guard lock(mutex_);
  std::string pf = path.parent_path().filename().string();
  auto gpu = gpus_.find(pf);
  if (gpu == gpus_.end()) throw mdev::SysfsWriteError(path, ENOENT);
  unsigned long count = 0;
  try {
    count = std::stoul(value);
  } catch (const std::exception&) {
    throw mdev::SysfsWriteError(path, EINVAL);
  }
  // The kernel's rules: a count changes only through 0, and never past the total.
  if (!gpu->second.vfs.empty()) throw mdev::SysfsWriteError(path, EBUSY);
  if (count > gpu->second.total_vfs) throw mdev::SysfsWriteError(path, ERANGE);
  make_vfs(pf, static_cast<unsigned>(count));
}

void FakeVgpuDriver::init_vfs(const std::string& pf) {
  std::lock_guard lock(mutex_);
  Gpu& gpu = gpus_.at(pf);
  for (const auto& vf : gpu.vfs) {
    if (vfs_.at(vf).files) continue;
    vfs_.at(vf).files = true;
    make_vf_files(vf, gpu.flavour);
  }
  publish(gpu);
}

const FakeVgpuType* FakeVgpuDriver::type_of(const Gpu& gpu, unsigned long id) const {
  for (const auto& type : gpu.types) {
    if (type.id == id) return &type;
  }
  return nullptr;
}

// A MIG-backed type exists only on its GPU instance.
bool FakeVgpuDriver::offered(const Gpu& gpu, const FakeVgpuType& type) const {
  return gpu.daemons_up && (!type.mig || gpu.gpu_instances.count(type.id) > 0);
}

std::vector<const FakeVgpuType*> FakeVgpuDriver::creatable(const Gpu& gpu,
                                                           const std::string& vf) const {
  std::vector<const FakeVgpuType*> out;
  if (vfs_.at(vf).current != 0) return out;
  unsigned used = 0, held_size = 0;
  unsigned long held_id = 0;
  for (const auto& sibling : gpu.vfs) {
    if (const FakeVgpuType* held = type_of(gpu, vfs_.at(sibling).current)) {
      used += held->size_gb;
      held_size = held->size_gb;
      held_id = held->id;
    }
  }
  for (const auto& type : gpu.types) {
    // Upstream offers the type in use alone; R5xx every type of its size.
    bool fits_beside = is_r5xx(gpu.flavour) ? held_size == 0 || type.size_gb == held_size
                                            : held_id == 0 || type.id == held_id;
    if (offered(gpu, type) && fits_beside && used + type.size_gb <= gpu.framebuffer_gb)
      out.push_back(&type);
  }
  return out;
}

void FakeVgpuDriver::publish(const Gpu& gpu) const {
  for (const auto& vf : gpu.vfs) {
    const Vf& state = vfs_.at(vf);
    if (!state.files) continue;
    std::string rows = is_r5xx(gpu.flavour) ? "ID    : vGPU Name\n" : "";
    for (const FakeVgpuType* type : creatable(gpu, vf)) {
      char row[128];
      std::snprintf(row, sizeof row, "%-5lu : NVIDIA %s\n", type->id, type->name.c_str());
      rows += row;
    }
    fs::path creatable_file = vf_dir(vf) / "nvidia/creatable_vgpu_types";
    if (state.broken) {
      // A read of it fails (EISDIR here, EINVAL from the driver): not a missing file.
      fs::remove(creatable_file);
      fs::create_directories(creatable_file);
    } else {
      put(creatable_file, rows);
    }
    put(vf_dir(vf) / "nvidia/current_vgpu_type", std::to_string(state.current) + "\n");
  }
}

void FakeVgpuDriver::set_outside(const std::string& vf, unsigned long id) {
  std::lock_guard lock(mutex_);
  vfs_.at(vf).current = id;
  publish(gpus_.at(vfs_.at(vf).pf));
}

void FakeVgpuDriver::set_daemons_up(const std::string& pf, bool up) {
  std::lock_guard lock(mutex_);
  gpus_.at(pf).daemons_up = up;
  publish(gpus_.at(pf));
}

void FakeVgpuDriver::make_gpu_instance(const std::string& pf, unsigned long id) {
  std::lock_guard lock(mutex_);
  gpus_.at(pf).gpu_instances.insert(id);
  publish(gpus_.at(pf));
}

void FakeVgpuDriver::hold_group(const std::string& vf) {
  std::lock_guard lock(mutex_);
  held_groups_.insert(group_of_.at(vf));
  held_groups_.insert(cdev_of_.at(vf));
  vfs_.at(vf).vm = true;
}

void FakeVgpuDriver::vm_exits(const std::string& vf, unsigned eperm, unsigned ebusy) {
  std::lock_guard lock(mutex_);
  held_groups_.erase(group_of_.at(vf));
  held_groups_.erase(cdev_of_.at(vf));
  Vf& state = vfs_.at(vf);
  state.vm = false;
  state.eperm_clears = eperm;
  state.ebusy_clears = ebusy;
}

void FakeVgpuDriver::before_next_type_write(std::function<void()> change) {
  std::lock_guard lock(mutex_);
  before_next_type_write_ = std::move(change);
}

void FakeVgpuDriver::break_creatable(const std::string& vf) {
  std::lock_guard lock(mutex_);
  vfs_.at(vf).broken = true;
  publish(gpus_.at(vfs_.at(vf).pf));
}

unsigned long FakeVgpuDriver::current(const std::string& vf) const {
  std::lock_guard lock(mutex_);
  return vfs_.at(vf).current;
}

bool FakeVgpuDriver::is_held_open(const fs::path& node) const {
  std::lock_guard lock(mutex_);
  return held_groups_.count(node.filename().string()) > 0;
}

// 0 when the driver takes `id`; else the errno each flavour returns.
int FakeVgpuDriver::refusal_of_type(const Gpu& gpu, const Vf& state, const std::string& vf,
                                    unsigned long id) const {
  bool creatable_now = false;
  for (const FakeVgpuType* type : creatable(gpu, vf))
    creatable_now = creatable_now || type->id == id;
  if (is_r5xx(gpu.flavour)) {
    if (state.current != 0) return EPERM;
    return creatable_now ? 0 : EIO;
  }
  if (state.current != 0) return EBUSY;
  const FakeVgpuType* type = type_of(gpu, id);
  if (!type || !offered(gpu, *type)) return ENODEV;
  if (creatable_now) return 0;
  for (const auto& sibling : gpu.vfs) {
    unsigned long held = vfs_.at(sibling).current;
    if (held != 0 && held != id) return EINVAL;
  }
  return ENOSPC;
}

int FakeVgpuDriver::refusal_of_clear(const Gpu& gpu, Vf& state) const {
  const int held = is_r5xx(gpu.flavour) ? EPERM : EBUSY;
  if (state.vm) return held;
  if (state.eperm_clears > 0) {
    --state.eperm_clears;
    return held;
  }
  if (state.ebusy_clears > 0) {
    --state.ebusy_clears;
    return EBUSY;
  }
  // R5xx refuses to remove what is not there; upstream takes it.
  return state.current == 0 && is_r5xx(gpu.flavour) ? EPERM : 0;
}

void FakeVgpuDriver::write_type(const fs::path& path, const std::string& value) {
  std::function<void()> change;
  {
    std::lock_guard lock(mutex_);
    change.swap(before_next_type_write_);
  }
  if (change) change();  // unlocked: it changes the GPU through this driver
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
  int refusal = id == 0 ? refusal_of_clear(gpu, state) : refusal_of_type(gpu, state, vf, id);
  if (refusal != 0) throw mdev::SysfsWriteError(path, refusal);
  state.current = id;
  publish(gpu);
}

// R5xx's other files; upstream has none (the write finds no file).
void FakeVgpuDriver::write_attribute(const fs::path& path, const std::string& value) {
  std::lock_guard lock(mutex_);
  if (!fs::exists(path)) throw mdev::SysfsWriteError(path, ENOENT);
  std::string name = path.filename().string();
  const Vf& state = vfs_.at(path.parent_path().parent_path().filename().string());
  if (name == "creatable_vgpu_types") throw mdev::SysfsWriteError(path, EACCES);  // r--r--r--
  if (name == "vgpu_params" || name == "gpu_instance_id" || name == "placement_id") {
    if (state.current == 0) throw mdev::SysfsWriteError(path, ENXIO);
    if (state.vm) throw mdev::SysfsWriteError(path, EPERM);
    if (value.size() > 1024) throw mdev::SysfsWriteError(path, E2BIG);
  }
  std::ofstream(path, std::ios::trunc) << value;
}

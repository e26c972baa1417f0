// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// NVIDIA's vGPU host driver (vGPU 17+, no mdev) as FakeKernel models it, in
// the tree of a test root, in both flavours of behaviour.md section 11.1:
// NVIDIA's R5xx driver (`nvidia`) and the upstream nova-core one
// (`nvidia-vgpu-vfio`). Built from the table there, not from what mdevctl
// would like to hear:
// - a PF with VFs, each with the six files of nvidia/ (R5xx) or two
//   (upstream), an IOMMU group and an iommufd cdev;
// - creatable rows recomputed on every change: time-sliced vGPUs of one GPU
//   are of one size and share its framebuffer; the VF that holds one offers
//   nothing; R5xx shows the header alone when nothing is creatable,
//   upstream nothing, and upstream only the type in use once one is;
// - "not ready": until the daemons are up, R5xx offers nothing and refuses
//   every id with EIO; MIG-backed rows are absent until their GPU instance
//   exists;
// - each write's errno as the flavour returns it (EPERM for a VF that holds
//   one or holds nothing, on R5xx; EBUSY/ENODEV/ENOSPC/EINVAL upstream);
//   a VM exiting makes clears fail with EPERM, then EBUSY, then pass.
// Thread-safe: writes come from mdevctl's worker threads while a test
// changes the GPU.
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

struct FakeVgpuType {
  unsigned long id;
  std::string name;  // without "NVIDIA "
  unsigned size_gb;
  bool mig = false;
};

enum class FakeVgpuFlavour { kR5xx, kUpstream };

class FakeVgpuDriver {
 public:
  explicit FakeVgpuDriver(std::filesystem::path root) : root_(std::move(root)) {}

  // A GPU of `framebuffer_gb` at `pf` with `vf_count` VFs (0000:41:00.4, ...
  // for PF 0000:41:00.0); returns their addresses.
  std::vector<std::string> add_gpu(const std::string& pf, unsigned vf_count,
                                   std::vector<FakeVgpuType> types, unsigned framebuffer_gb,
                                   FakeVgpuFlavour flavour = FakeVgpuFlavour::kR5xx);
  // The same GPU after a reboot: its PF alone, SR-IOV not enabled yet; a
  // write of N to its sriov_numvfs (enable_vfs) makes the VFs.
  void add_gpu_without_vfs(const std::string& pf, unsigned total_vfs,
                           std::vector<FakeVgpuType> types, unsigned framebuffer_gb,
                           FakeVgpuFlavour flavour = FakeVgpuFlavour::kR5xx);
  // Handles a write to a PF's sriov_numvfs; throws SysfsWriteError.
  void enable_vfs(const std::filesystem::path& path, const std::string& value);
  // VFs made from now on bind without their nvidia/ files, until init_vfs.
  void files_come_late() { files_late_ = true; }
  // NVIDIA's driver has set up the PF's VFs: their nvidia/ files appear.
  void init_vfs(const std::string& pf);
  // Sets a VF's type as if someone else had (the fixture's "set outside mdevctl").
  void set_outside(const std::string& vf, unsigned long id);
  // NVIDIA's daemons (nvidia-vgpud, nvidia-vgpu-mgr) are up; they are at first.
  void set_daemons_up(const std::string& pf, bool up);
  // The MIG GPU instance that `id` needs now exists: its row appears.
  void make_gpu_instance(const std::string& pf, unsigned long id);
  // A VM opens the VF's VFIO group (the in-use guard sees it) and the
  // driver's task holds the vGPU: clears fail until vm_exits.
  void hold_group(const std::string& vf);
  // The VM is gone, but the driver's task for the vGPU still runs: the
  // next `eperm` clears fail with EPERM, the `ebusy` after them with EBUSY
  // (R5xx; upstream: all EBUSY), then a clear passes.
  void vm_exits(const std::string& vf, unsigned eperm, unsigned ebusy);
  // `change` runs just before the next write to current_vgpu_type is
  // handled: what another tool or the GPU did between mdevctl's read of the
  // rows and its write.
  void before_next_type_write(std::function<void()> change);
  // The driver cannot ask the GPU: reading creatable_vgpu_types fails.
  void break_creatable(const std::string& vf);
  bool is_held_open(const std::filesystem::path& node) const;

  // Handles a write to a VF's nvidia/current_vgpu_type; throws SysfsWriteError.
  void write_type(const std::filesystem::path& path, const std::string& value);
  // Handles a write to another file of a VF's nvidia/; throws SysfsWriteError.
  void write_attribute(const std::filesystem::path& path, const std::string& value);
  unsigned long current(const std::string& vf) const;

 private:
  struct Gpu {
    unsigned total_vfs = 0;
    std::vector<FakeVgpuType> types;
    unsigned framebuffer_gb;
    FakeVgpuFlavour flavour;
    std::vector<std::string> vfs;
    std::set<unsigned long> gpu_instances;
    bool daemons_up = true;
  };
  struct Vf {
    std::string pf;
    unsigned long current = 0;
    bool vm = false;  // a VM or the driver's task for it holds the vGPU
    unsigned eperm_clears = 0, ebusy_clears = 0;
    bool broken = false;
    bool files = true;  // nvidia/ made by the driver's init
  };
  const FakeVgpuType* type_of(const Gpu& gpu, unsigned long id) const;
  bool offered(const Gpu& gpu, const FakeVgpuType& type) const;
  std::vector<const FakeVgpuType*> creatable(const Gpu& gpu, const std::string& vf) const;
  int refusal_of_type(const Gpu& gpu, const Vf& state, const std::string& vf,
                      unsigned long id) const;
  int refusal_of_clear(const Gpu& gpu, Vf& state) const;
  void publish(const Gpu& gpu) const;
  void add_pf(const std::string& pf, unsigned total_vfs, std::vector<FakeVgpuType> types,
              unsigned framebuffer_gb, FakeVgpuFlavour flavour);
  void make_vfs(const std::string& pf, unsigned count);
  void make_vf_files(const std::string& vf, FakeVgpuFlavour flavour);
  std::filesystem::path vf_dir(const std::string& vf) const;

  std::filesystem::path root_;
  mutable std::mutex mutex_;
  std::map<std::string, Gpu> gpus_;
  std::map<std::string, Vf> vfs_;
  std::map<std::string, std::string> group_of_;
  std::map<std::string, std::string> cdev_of_;  // vfio0: /dev/vfio/devices/vfio0
  std::set<std::string> held_groups_;           // group and cdev node names
  unsigned next_group_ = 100;
  bool files_late_ = false;
  std::function<void()> before_next_type_write_;
};

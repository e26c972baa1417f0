#pragma once
// NVIDIA's vGPU driver (vGPU 17+, no mdev) as FakeKernel models it, in the
// tree of a test root (behaviour.md section 11): a PF with VFs bound to
// `nvidia`, each with nvidia/current_vgpu_type and creatable_vgpu_types.
// A write of a creatable id sets it, and the rows of every VF of the GPU
// are recomputed: time-sliced vGPUs of one GPU are all of one size and
// share its framebuffer, a VF that holds one offers nothing, a full GPU
// shows the header only. A MIG-backed type fails with EIO until its GPU
// instance exists; a clear can be made to stick only on its Nth write; a
// VF's VFIO group can be held open. Thread-safe: writes come from mdevctl's
// worker threads while a test changes the GPU.
#include <filesystem>
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

class FakeVgpuDriver {
 public:
  explicit FakeVgpuDriver(std::filesystem::path root) : root_(std::move(root)) {}

  // A GPU of `framebuffer_gb` at `pf` with `vf_count` VFs (0000:41:00.4, ...
  // for PF 0000:41:00.0); returns their addresses.
  std::vector<std::string> add_gpu(const std::string& pf, unsigned vf_count,
                                   std::vector<FakeVgpuType> types, unsigned framebuffer_gb);
  // Sets a VF's type as if someone else had (the fixture's "set outside mdevctl").
  void set_outside(const std::string& vf, unsigned long id);
  // The MIG GPU instance that `id` needs now exists.
  void make_gpu_instance(const std::string& pf, unsigned long id);
  // From now on a `0` sticks only on every `n`th write to a VF.
  void clears_stick_on_write(unsigned n);
  void hold_group(const std::string& vf);
  // From now on a type id is accepted and not set (the read-back finds 0).
  void drop_type_writes();
  bool is_held_open(const std::filesystem::path& node) const;

  // Handles a write to a VF's nvidia/current_vgpu_type; throws SysfsWriteError.
  void write_type(const std::filesystem::path& path, const std::string& value);
  unsigned long current(const std::string& vf) const;

 private:
  struct Gpu {
    std::vector<FakeVgpuType> types;
    unsigned framebuffer_gb;
    std::vector<std::string> vfs;
    std::set<unsigned long> gpu_instances;
  };
  struct Vf {
    std::string pf;
    unsigned long current = 0;
    unsigned clears = 0;
  };
  const FakeVgpuType* type_of(const Gpu& gpu, unsigned long id) const;
  std::vector<const FakeVgpuType*> creatable(const Gpu& gpu, const std::string& vf) const;
  void publish(const Gpu& gpu) const;
  std::filesystem::path vf_dir(const std::string& vf) const;

  std::filesystem::path root_;
  mutable std::mutex mutex_;
  std::map<std::string, Gpu> gpus_;
  std::map<std::string, Vf> vfs_;
  std::map<std::string, std::string> group_of_;
  std::set<std::string> held_groups_;
  unsigned clear_sticks_on_ = 1;
  bool drop_type_writes_ = false;
  unsigned next_group_ = 100;
};

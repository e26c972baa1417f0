// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/nvidia_vfs.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "io/atomic_file.h"
#include "io/file_util.h"
#include "io/run_lock.h"
#include "model/config.h"
#include "model/error.h"
#include "model/names.h"
#include "model/vgpu_catalogue.h"

namespace mdev {
namespace {

constexpr const char* kCurrent = "/nvidia/current_vgpu_type";
constexpr const char* kCreatable = "/nvidia/creatable_vgpu_types";

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// A PCI address as sysfs names devices (0000:41:00.4; domains may be
// longer). The driver's directory also holds bind, unbind, module, new_id.
bool looks_like_pci_address(const std::string& name) {
  return name.find(':') != std::string::npos && name.find('.') != std::string::npos;
}

}  // namespace

NvidiaVfs::NvidiaVfs(const Root& root, const KernelWrites& writes)
    : root_(root),
      writes_(&writes),
      devices_dir_(root.path("sys/bus/pci/devices").string()),
      catalogue_(std::make_shared<Catalogue>()) {
  for (std::string_view driver : kVgpuDrivers)
    driver_dirs_.push_back(root.path("sys/bus/pci/drivers/" + std::string(driver)).string());
}

std::string NvidiaVfs::dir(const std::string& address) const {
  return devices_dir_ + '/' + address;
}

bool NvidiaVfs::is_vf(const std::string& address) const {
  if (address.empty() || address.find('/') != std::string::npos) return false;
  std::string base = dir(address);
  return exists(base + kCurrent) && exists(base + kCreatable);
}

bool NvidiaVfs::is_bound_vf(const std::string& address) const {
  if (address.empty() || address.find('/') != std::string::npos) return false;
  std::string base = dir(address);
  auto driver = read_link((base + "/driver").c_str());
  return driver && is_vgpu_driver(base_name(*driver)) && exists(base + "/physfn");
}

// A VF is in the driver's directory only while bound to it, and only then
// does the driver make its nvidia/ files: the directory is where to look,
// not every PCI device of the host.
std::vector<std::string> NvidiaVfs::addresses() const {
  std::vector<std::string> out;
  for (const auto& driver_dir : driver_dirs_) {
    for (auto& name : list_directory(driver_dir)) {
      if (looks_like_pci_address(name) && is_vf(name)) out.push_back(std::move(name));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> NvidiaVfs::siblings(const std::string& address) const {
  std::vector<std::string> out;
  std::string pf = dir(address) + "/physfn";
  for (const auto& name : list_directory(pf)) {
    if (name.compare(0, 6, "virtfn") != 0) continue;
    auto target = read_link((pf + '/' + name).c_str());
    if (!target) continue;
    std::string vf(base_name(*target));
    if (vf != address) out.push_back(std::move(vf));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<ProcessInfo> NvidiaVfs::holders(const std::string& address) const {
  std::vector<std::filesystem::path> nodes;
  if (auto group = read_link((dir(address) + "/iommu_group").c_str()))
    nodes.push_back(root_.path("dev/vfio") / std::string(base_name(*group)));
  for (const auto& cdev : list_directory(dir(address) + "/vfio-dev"))
    nodes.push_back(root_.path("dev/vfio/devices") / cdev);
  std::vector<ProcessInfo> out;
  if (nodes.empty()) return out;
  const auto callers = own_process_chain();
  for (const auto& node : nodes) {
    for (auto& process : processes_holding(node)) {
      bool seen = std::any_of(out.begin(), out.end(),
                              [&](const ProcessInfo& p) { return p.pid == process.pid; });
      bool caller = std::find(callers.begin(), callers.end(), process.pid) != callers.end();
      if (!seen && !caller) out.push_back(std::move(process));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const ProcessInfo& a, const ProcessInfo& b) { return a.pid < b.pid; });
  return out;
}

std::optional<unsigned long> NvidiaVfs::current_type(const std::string& address) const {
  auto text = read_file(dir(address) + kCurrent);
  if (!text) return std::nullopt;
  return parse_vgpu_id(*text);
}

std::optional<VgpuFunction> NvidiaVfs::read(const std::string& address) const {
  auto current = current_type(address);
  if (!current) return std::nullopt;
  auto creatable = read_file(dir(address) + kCreatable);
  if (!creatable) {
    if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
    return VgpuFunction{address, *current, {}, errno};
  }
  return VgpuFunction{address, *current, parse_creatable_vgpu_types(*creatable), 0};
}

void NvidiaVfs::write_type(const std::string& address, unsigned long id) const {
  writes_->write(dir(address) + kCurrent, std::to_string(id), SysfsFile::kMustExist);
}

void NvidiaVfs::write_attribute(const std::string& address, const Attribute& attr) const {
  writes_->write(dir(address) + "/nvidia/" + attr.first, attr.second, SysfsFile::kMustExist);
}

const std::map<unsigned long, std::string>& NvidiaVfs::catalogue(std::string* problem) const {
  Catalogue& c = *catalogue_;
  std::call_once(c.once, [this, &c] {
    auto path = root_.path("usr/share/nvidia/vgpu/vgpuConfig.xml");
    // NVIDIA's has grown with every release; 64 MiB is far beyond it.
    auto xml = read_large_file(path, 64u << 20);
    if (!xml) {
      if (errno != ENOENT) c.problem = path.string() + ": " + read_error_text(errno);
      return;
    }
    try {
      c.names = parse_vgpu_catalogue(*xml);
    } catch (const Error& e) {
      c.problem = path.string() + ": " + e.what();
    }
  });
  if (problem) *problem = c.problem;
  return c.names;
}

std::string NvidiaVfs::kept_path(const std::string& address) const {
  return root_.path("run/mdevctl/vgpu-" + address).string();
}

std::optional<KeptVgpu> NvidiaVfs::kept(const std::string& address) const {
  auto text = read_file(kept_path(address));
  if (!text) return std::nullopt;
  std::string_view line = *text;
  size_t space = line.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  auto uuid = Uuid::parse(line.substr(0, space));
  auto type = vgpu_type_id(trim(line.substr(space + 1)));
  if (!uuid || !type) return std::nullopt;
  return KeptVgpu{*uuid, *type};
}

void NvidiaVfs::keep(const std::string& address, const KeptVgpu& vgpu) const {
  private_run_dir(root_);  // made private, or refused, before anything is kept there
  write_file_atomically(kept_path(address),
                        vgpu.uuid.str() + " " + vgpu_type_name(vgpu.type) + "\n");
}

void NvidiaVfs::forget(const std::string& address) const {
  if (::unlink(kept_path(address).c_str()) != 0 && errno != ENOENT) {
    throw Error("cannot remove " + kept_path(address) + ": " + errno_text(errno));
  }
}

// A vGPU that a site's own script set (or that outlived run/ in a reboot)
// is the device its definition describes, when exactly one does.
std::optional<Uuid> NvidiaVfs::defined_uuid(const std::string& address, unsigned long type) const {
  const std::filesystem::path parent = root_.config_dir() / address;
  const std::string name = vgpu_type_name(type);
  std::optional<Uuid> found;
  for (const auto& file : list_directory(parent)) {
    auto uuid = Uuid::parse(file);
    auto text = uuid ? read_file(parent / file) : std::nullopt;
    if (!text) continue;
    try {
      if (parse_config(*text, (parent / file).string()).type != name) continue;
    } catch (const Error&) {
      continue;  // a bad file is warned about where definitions are listed
    }
    if (found) return std::nullopt;
    found = uuid;
  }
  return found;
}

Uuid NvidiaVfs::uuid_of(const std::string& address, unsigned long type) const {
  if (auto vgpu = kept(address); vgpu && vgpu->type == type) return vgpu->uuid;
  if (auto defined = defined_uuid(address, type)) return *defined;
  return vgpu_uuid_of(address);
}

}  // namespace mdev

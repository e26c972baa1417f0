// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/sysfs_root.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>

#include "io/file_util.h"
#include "io/parallel.h"
#include "model/names.h"
#include "model/vgpu_types.h"

namespace mdev {

namespace fs = std::filesystem;

namespace {

// The root as an absolute, normalised prefix ending in '/'.
std::string root_prefix(const Root& root) {
  std::string prefix = fs::absolute(root.dir()).lexically_normal().string();
  if (prefix.empty() || prefix.back() != '/') prefix += '/';
  return prefix;
}

}  // namespace

SysfsRoot::SysfsRoot(const Root& root, const KernelWrites& writes)
    : root_(root),
      root_prefix_(root_prefix(root)),
      writes_(&writes),
      vfs_(root, writes),
      sriov_(root, writes),
      class_dir_(root.path("sys/class/mdev_bus")),
      devices_dir_(root.path("sys/bus/mdev/devices")) {}

// stdout is always valid UTF-8: a name that is not cannot be a parent,
// type or device of ours.
std::vector<std::string> SysfsRoot::parents() const {
  auto names = list_directory(class_dir_);
  std::erase_if(names, [](const std::string& name) { return !is_valid_utf8(name); });
  auto vfs = vfs_.addresses();
  if (vfs.empty()) return names;
  names.insert(names.end(), vfs.begin(), vfs.end());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

bool SysfsRoot::mdev_parent_exists(const std::string& parent) const {
  struct stat st;
  return ::stat((class_dir_ / parent).c_str(), &st) == 0;
}

bool SysfsRoot::parent_exists(const std::string& parent) const {
  return mdev_parent_exists(parent) || vfs_.is_vf(parent) || vfs_.is_bound_vf(parent);
}

// An mdev parent wins: a VF in mdev mode (before vGPU 17) is one. A bound
// VF whose nvidia/ files the driver has yet to make is one already.
bool SysfsRoot::is_vgpu_parent(const std::string& parent) const {
  return !mdev_parent_exists(parent) && (vfs_.is_vf(parent) || vfs_.is_bound_vf(parent));
}

bool SysfsRoot::parent_has_types(const std::string& parent) const {
  struct stat st;
  if (::stat((class_dir_ / parent / "mdev_supported_types").c_str(), &st) == 0)
    return S_ISDIR(st.st_mode);
  return is_vgpu_parent(parent);
}

fs::path SysfsRoot::type_dir(const std::string& parent, const std::string& type) const {
  return class_dir_ / parent / "mdev_supported_types" / type;
}

std::optional<TypeInfo> SysfsRoot::type(const std::string& parent, const std::string& type) const {
  if (is_vgpu_parent(parent)) {
    for (auto& info : vgpu_types(parent, nullptr)) {
      if (info.id == type) return info;
    }
    return std::nullopt;
  }
  DirectoryHandle types_dir(class_dir_ / parent / "mdev_supported_types");
  return type_in(types_dir.fd(), parent, type);
}

// Each file is opened relative to the parent's mdev_supported_types, not
// the type's own directory: two system calls fewer per type, and `types`
// is little but system calls.
std::optional<TypeInfo> SysfsRoot::type_in(int types_fd, const std::string& parent,
                                           const std::string& type) const {
  std::string prefix = type + '/';
  auto read = [&](const char* name) {
    return read_attribute_at(types_fd, (prefix + name).c_str());
  };
  // A type the kernel is taking away loses its files one by one: without
  // either of these two it is not a type (yet, or any more).
  auto instances = read("available_instances");
  if (!instances) return std::nullopt;
  TypeInfo info;
  info.id = type;
  // A count, nothing else: "-5" must not wrap around into an unsigned huge one.
  std::string count = trim(*instances);
  auto [end, ec] =
      std::from_chars(count.data(), count.data() + count.size(), info.available_instances);
  if (count.empty() || ec != std::errc() || end != count.data() + count.size()) {
    throw Error((type_dir(parent, type) / "available_instances").string() +
                ": not a count of instances: " + quoted_for_error(count));
  }
  auto device_api = read("device_api");
  if (!device_api) return std::nullopt;
  info.device_api = trim(*device_api);
  info.name = trim(read("name").value_or(""));
  std::string description = trim(read("description").value_or(""));
  for (char c : description) {
    if (c == '\n') {
      info.description += ", ";
    } else {
      info.description += c;
    }
  }
  return info;
}

// One instance of each creatable row while the VF is free, none while it
// holds a vGPU; the type it holds is listed too, named from its rows or
// NVIDIA's catalogue when either knows it.
std::vector<TypeInfo> SysfsRoot::vgpu_types(const std::string& vf,
                                            std::vector<std::string>* unreadable) const {
  std::vector<TypeInfo> out;
  auto function = vfs_.read(vf);
  if (!function) return out;
  if (function->creatable_error != 0 && unreadable) {
    unreadable->push_back(vfs_.dir(vf) + "/nvidia/creatable_vgpu_types: cannot be read: " +
                          errno_text(function->creatable_error));
  }
  const unsigned long instances = function->current == 0 ? 1 : 0;
  bool current_listed = function->current == 0;
  for (const auto& row : function->creatable.rows) {
    if (!is_valid_utf8(row.name)) continue;
    out.push_back(TypeInfo{vgpu_type_name(row.id), instances, "vfio-pci", row.name, ""});
    current_listed = current_listed || row.id == function->current;
  }
  if (unreadable) {
    for (const auto& line : function->creatable.skipped)
      unreadable->push_back(
          vfs_.dir(vf) + "/nvidia/creatable_vgpu_types: not a type row: " + quoted_for_error(line));
  }
  if (!current_listed) {
    std::string problem;
    const auto& catalogue = vfs_.catalogue(&problem);
    if (unreadable && !problem.empty()) unreadable->push_back(problem);
    auto name = catalogue.find(function->current);
    out.push_back(TypeInfo{vgpu_type_name(function->current), 0, "vfio-pci",
                           name == catalogue.end() ? "" : name->second, ""});
  }
  // Type names in byte order, as an mdev parent's directory lists them.
  std::sort(out.begin(), out.end(),
            [](const TypeInfo& a, const TypeInfo& b) { return a.id < b.id; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const TypeInfo& a, const TypeInfo& b) { return a.id == b.id; }),
            out.end());
  return out;
}

std::vector<TypeInfo> SysfsRoot::types(const std::string& parent,
                                       std::vector<std::string>* unreadable) const {
  std::vector<TypeInfo> out;
  fs::path dir = class_dir_ / parent / "mdev_supported_types";
  DirectoryHandle types_dir(dir);
  std::vector<std::string> names = list_directory(dir);
  // Only a parent without mdev types can be a VF: mdev parents pay nothing.
  if (names.empty() && is_vgpu_parent(parent)) return vgpu_types(parent, unreadable);
  for (const auto& name : names) {
    if (!is_valid_utf8(name)) {
      if (unreadable)
        unreadable->push_back("type " + quoted_for_error(name) + " of " + parent +
                              ": name is not valid UTF-8");
      continue;
    }
    try {
      if (auto info = type_in(types_dir.fd(), parent, name)) out.push_back(std::move(*info));
    } catch (const Error& e) {
      if (unreadable) unreadable->push_back(e.what());
    }
  }
  return out;
}

namespace {

// The name of the type a device's mdev_type link points at; empty when it
// cannot be resolved (a dangling link, a device dir that is gone).
std::string type_of_device(const std::string& dir) {
  std::string link = dir + "/mdev_type";
  if (auto target = read_link(link.c_str())) {
    std::string_view name = base_name(*target);
    if (!name.empty() && name != ".." && name != ".") return std::string(name);
  }
  std::error_code ec;
  auto canonical = fs::canonical(link, ec);
  if (ec) return "";
  return canonical.filename().string();
}

}  // namespace

std::optional<ActiveDevice> SysfsRoot::read_active(const std::string& name) const {
  auto uuid = Uuid::parse(name);
  if (!uuid) return std::nullopt;
  const std::string& bus = devices_dir_.native();
  // sysfs device paths hold no symlinks below the bus link, so the link target,
  // normalised, is the canonical device directory: one readlink, no realpath walk.
  auto target = read_link((bus + '/' + name).c_str());
  if (!target) return std::nullopt;
  std::string dir = join_normalized(bus, *target);
  // A link out of the root is not a device of this root: stop would write
  // `1` into whatever `remove` it points at.
  if (!inside_root(dir)) return std::nullopt;
  std::string_view above = std::string_view(dir).substr(0, dir.rfind('/'));
  std::string parent(base_name(above));
  if (!is_valid_utf8(parent)) return std::nullopt;
  std::string type = type_of_device(dir);
  return ActiveDevice{*uuid, std::move(parent), std::move(dir), std::move(type), DeviceKind::kMdev};
}

// A VF that holds a type is a running device; a VF that is also an mdev
// parent is left to mdev.
std::vector<ActiveDevice> SysfsRoot::active_vgpus() const {
  std::vector<ActiveDevice> out;
  for (const auto& vf : vfs_.addresses()) {
    auto current = vfs_.current_type(vf);
    if (!current || *current == 0 || mdev_parent_exists(vf)) continue;
    out.push_back(ActiveDevice{vfs_.uuid_of(vf, *current), vf, vfs_.dir(vf),
                               vgpu_type_name(*current), DeviceKind::kVgpu});
  }
  return out;
}

asio::awaitable<std::vector<ActiveDevice>> SysfsRoot::active_devices(
    WorkerThreads& workers, std::vector<std::string>* skipped) const {
  std::vector<std::optional<ActiveDevice>> read;
  {
    auto names = list_directory(devices_dir_);
    read.resize(names.size());
    co_await for_each_in_parallel(workers, names.size(),
                                  [&](size_t i) { read[i] = read_active(names[i]); });
  }
  std::vector<ActiveDevice> out;
  out.reserve(read.size());
  for (auto& device : read) {
    if (!device) continue;
    if (device->type.empty()) {
      // One broken entry (a dangling link, a directory without mdev_type)
      // must not hide every other device.
      if (skipped)
        skipped->push_back("ignoring device " + device->uuid.str() +
                           ": its mdev_type cannot be resolved");
      continue;
    }
    out.push_back(std::move(*device));
  }
  for (auto& vgpu : active_vgpus()) out.push_back(std::move(vgpu));
  std::sort(out.begin(), out.end(),
            [](const ActiveDevice& a, const ActiveDevice& b) { return a.uuid < b.uuid; });
  co_return out;
}

std::optional<ActiveDevice> SysfsRoot::active_device(const Uuid& uuid) const {
  struct stat st;
  if (::lstat((devices_dir_ / uuid.str()).c_str(), &st) == 0) {
    auto device = read_active(uuid.str());
    if (device && device->type.empty()) return std::nullopt;
    return device;
  }
  for (auto& vgpu : active_vgpus()) {
    if (vgpu.uuid == uuid) return vgpu;
  }
  return std::nullopt;
}

void SysfsRoot::create_device(const std::string& parent, const std::string& type,
                              const Uuid& uuid) const {
  writes_->write(type_dir(parent, type) / "create", uuid.str(), SysfsFile::kCreateIfMissing);
}

bool SysfsRoot::inside_root(std::string_view path) const {
  if (root_prefix_ == "/") return true;
  std::string absolute = path.empty() || path.front() != '/'
                             ? fs::absolute(fs::path(path)).lexically_normal().string()
                             : std::string(path);
  return absolute.compare(0, root_prefix_.size(), root_prefix_) == 0;
}

// A device dir reached through a link further up (sys/devices/x -> /tmp)
// passes the check by name; writes resolve the whole path first.
void SysfsRoot::refuse_outside_root(const std::string& dir) const {
  if (root_prefix_ == "/") return;
  std::error_code ec;
  auto real_dir = fs::canonical(dir, ec);
  if (ec) return;  // nothing there: the write fails and says so
  auto real_root = fs::canonical(root_.dir(), ec);
  std::string prefix = real_root.string() + "/";
  if (ec || real_dir.string().compare(0, prefix.size(), prefix) != 0) {
    throw Error("refusing to write to " + quoted_for_error(dir) + ": it is outside the root " +
                quoted_for_error(root_.dir().string()));
  }
}

void SysfsRoot::write_attribute(const ActiveDevice& device, const Attribute& attr) const {
  refuse_outside_root(device.dir);
  if (device.kind == DeviceKind::kVgpu) return vfs_.write_attribute(device.parent, attr);
  writes_->write(device.dir + '/' + attr.first, attr.second, SysfsFile::kMustExist);
}

void SysfsRoot::remove_device(const ActiveDevice& device) const {
  refuse_outside_root(device.dir);
  if (device.kind == DeviceKind::kVgpu) return vfs_.write_type(device.parent, 0);
  writes_->write(device.dir + "/remove", "1", SysfsFile::kCreateIfMissing);
}

void SysfsRoot::set_vgpu_type(const std::string& vf, unsigned long id) const {
  refuse_outside_root(vfs_.dir(vf));
  vfs_.write_type(vf, id);
}

std::string VfioGroup::description() const {
  return node.parent_path().filename() == "devices" ? "VFIO device " + name : "VFIO group " + name;
}

std::optional<VfioGroup> SysfsRoot::vfio_group_in_use(const ActiveDevice& device) const {
  if (auto link = read_link((device.dir + "/iommu_group").c_str())) {
    std::string group(base_name(*link));
    fs::path node = root_.path("dev/vfio") / group;
    if (writes_->is_held_open(node)) return VfioGroup{group, node};
  }
  if (device.kind != DeviceKind::kVgpu) return std::nullopt;
  for (const auto& cdev : list_directory(device.dir + "/vfio-dev")) {
    fs::path node = root_.path("dev/vfio/devices") / cdev;
    if (writes_->is_held_open(node)) return VfioGroup{cdev, node};
  }
  return std::nullopt;
}

}  // namespace mdev

// mdev-simkernel ROOT: makes a fixture root behave like the kernel's mdev
// core. A UUID written to a type's `create` makes the device (its directory
// under the parent with `mdev_type`, `remove` and the attribute files listed
// in the type's `.sim-attrs`, the type's `devices/` link and the
// `sys/bus/mdev/devices` link, an IOMMU group with its `dev/vfio/N` node) and
// lowers `available_instances`; `1` written to a device's `remove` undoes all
// of it. Prints "ready" once it watches.
#include <sys/inotify.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

void put(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::trunc) << text; }

void adjust_instances(const fs::path& type_dir, int delta) {
  auto path = type_dir / "available_instances";
  long count = std::stol(slurp(path)) + delta;
  put(path, std::to_string(count) + "\n");
}

bool looks_like_uuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

class SimKernel {
 public:
  explicit SimKernel(fs::path root) : root_(fs::canonical(root)), fd_(inotify_init1(IN_CLOEXEC)) {
    bus_ = root_ / "sys/bus/mdev/devices";
    groups_ = root_ / "sys/kernel/iommu_groups";
    vfio_ = root_ / "dev/vfio";
    for (const auto& dir : {bus_, groups_, vfio_}) fs::create_directories(dir);
    for (auto& parent : fs::directory_iterator(root_ / "sys/class/mdev_bus")) {
      auto types = parent.path() / "mdev_supported_types";
      if (!fs::is_directory(types)) continue;
      for (auto& type : fs::directory_iterator(types)) {
        watch(type.path() / "create", Watch{true, fs::canonical(type.path()), {}});
      }
    }
    for (auto& device : fs::directory_iterator(bus_)) {
      auto dir = fs::canonical(device.path());
      watch(dir / "remove", Watch{false, fs::canonical(dir / "mdev_type"), dir});
    }
  }

  void run() {
    alignas(inotify_event) char buf[4096];
    for (;;) {
      ssize_t n = read(fd_, buf, sizeof buf);
      if (n <= 0) return;
      for (char* p = buf; p < buf + n;) {
        auto* event = reinterpret_cast<inotify_event*>(p);
        p += sizeof(inotify_event) + event->len;
        auto it = watches_.find(event->wd);
        if (it == watches_.end()) continue;
        Watch w = it->second;
        if (w.is_create) {
          on_create(w.type_dir);
        } else {
          on_remove(event->wd, w);
        }
      }
    }
  }

 private:
  struct Watch {
    bool is_create;
    fs::path type_dir;
    fs::path device_dir;
  };

  void watch(const fs::path& file, Watch w) {
    int wd = inotify_add_watch(fd_, file.c_str(), IN_CLOSE_WRITE);
    if (wd >= 0) watches_[wd] = std::move(w);
  }

  void on_create(const fs::path& type_dir) {
    std::string uuid = slurp(type_dir / "create");
    put(type_dir / "create", "");
    if (!looks_like_uuid(uuid) || fs::exists(bus_ / uuid, ec_)) return;
    // The kernel refuses a create past the last instance (the mdev core with
    // EUSERS, mtty with ENOSPC). A write here cannot fail, so no device comes.
    if (std::stol(slurp(type_dir / "available_instances")) <= 0) return;
    fs::path parent_dir = type_dir.parent_path().parent_path();
    fs::path staging = parent_dir / (".sim-" + uuid);
    fs::create_directory(staging);
    fs::create_directory_symlink("../mdev_supported_types/" + type_dir.filename().string(),
                                 staging / "mdev_type");
    put(staging / "remove", "");
    std::ifstream attrs(type_dir / ".sim-attrs");
    for (std::string name; std::getline(attrs, name);) {
      if (!name.empty()) put(staging / name, "");
    }
    // Appear whole, the way the kernel makes a device during the write.
    fs::path device_dir = parent_dir / uuid;
    fs::rename(staging, device_dir);
    fs::create_directories(type_dir / "devices");
    fs::create_directory_symlink(fs::relative(device_dir, type_dir / "devices"),
                                 type_dir / "devices" / uuid);
    adjust_instances(type_dir, -1);
    add_iommu_group(device_dir);
    watch(device_dir / "remove", Watch{false, type_dir, device_dir});
    // Last: mdevctl waits for this link, so everything else must be in place.
    fs::create_directory_symlink(fs::relative(device_dir, bus_), bus_ / uuid);
  }

  void on_remove(int wd, const Watch& w) {
    std::string value = slurp(w.device_dir / "remove");
    put(w.device_dir / "remove", "");
    if (value != "1") return;
    inotify_rm_watch(fd_, wd);
    watches_.erase(wd);
    std::string uuid = w.device_dir.filename().string();
    fs::remove(w.type_dir / "devices" / uuid, ec_);
    remove_iommu_group(w.device_dir);
    fs::remove_all(w.device_dir, ec_);
    adjust_instances(w.type_dir, +1);
    // Last, as create makes it last: once the bus link is gone, all is gone.
    fs::remove(bus_ / uuid, ec_);
  }

  // As vfio does for an mdev: a group of its own, and the group's node that
  // a VM opens (mdevctl's stop opens it to see whether one has).
  void add_iommu_group(const fs::path& device_dir) {
    int group = 0;
    while (fs::exists(groups_ / std::to_string(group))) ++group;
    fs::path group_dir = groups_ / std::to_string(group);
    fs::create_directory(group_dir);
    fs::create_directory_symlink(fs::relative(group_dir, device_dir), device_dir / "iommu_group");
    put(vfio_ / std::to_string(group), "");
  }

  void remove_iommu_group(const fs::path& device_dir) {
    std::string group = fs::read_symlink(device_dir / "iommu_group", ec_).filename().string();
    if (group.empty()) return;
    fs::remove(vfio_ / group, ec_);
    fs::remove(groups_ / group, ec_);
  }

  fs::path root_;
  fs::path bus_;
  fs::path groups_;
  fs::path vfio_;
  int fd_;
  std::map<int, Watch> watches_;
  std::error_code ec_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: mdev-simkernel ROOT\n";
    return 2;
  }
  try {
    SimKernel sim(argv[1]);
    std::cout << "ready" << std::endl;
    sim.run();
  } catch (const std::exception& e) {
    std::cerr << "mdev-simkernel: " << e.what() << "\n";
    return 1;
  }
}

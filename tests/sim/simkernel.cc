// SPDX-License-Identifier: LGPL-2.1-or-later
// mdev-simkernel ROOT: makes a fixture root behave like the kernel's mdev
// core. A UUID written to a type's `create` makes the device (its directory
// under the parent with `mdev_type`, `remove` and the attribute files listed
// in the type's `.sim-attrs`, the type's `devices/` link and the
// `sys/bus/mdev/devices` link, an IOMMU group with its `dev/vfio/N` node) and
// lowers `available_instances`; `1` written to a device's `remove` undoes all
// of it. Prints "ready" once it listens.
//
// `create` and `remove` are FIFOs that this process holds open: every write
// arrives whole and in order, however fast they come (a regular file watched
// with inotify loses a write made while the previous one is read back), and
// the process sleeps in poll(2) while nothing is written. Unlike the kernel,
// the device appears a moment after the write returns, so a test waits for
// what it checks.
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

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

// Replaced whole, by rename: mdevctl reads these while it runs, and the
// kernel never shows it a half-written value.
void put(const fs::path& path, const std::string& text) {
  auto staged = path;
  staged += ".sim-new";
  std::ofstream(staged, std::ios::trunc) << text;
  fs::rename(staged, path);
}

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
  explicit SimKernel(fs::path root) : root_(fs::canonical(root)) {
    bus_ = root_ / "sys/bus/mdev/devices";
    groups_ = root_ / "sys/kernel/iommu_groups";
    vfio_ = root_ / "dev/vfio";
    for (const auto& dir : {bus_, groups_, vfio_}) fs::create_directories(dir);
    for (auto& parent : fs::directory_iterator(root_ / "sys/class/mdev_bus")) {
      auto types = parent.path() / "mdev_supported_types";
      if (!fs::is_directory(types)) continue;
      for (auto& type : fs::directory_iterator(types)) {
        listen(type.path() / "create", Channel{true, fs::canonical(type.path()), {}, {}});
      }
    }
    for (auto& device : fs::directory_iterator(bus_)) {
      auto dir = fs::canonical(device.path());
      listen(dir / "remove", Channel{false, fs::canonical(dir / "mdev_type"), dir, {}});
    }
  }

  void run() {
    std::vector<pollfd> fds;
    for (;;) {
      fds.clear();
      for (const auto& [fd, channel] : channels_) fds.push_back({fd, POLLIN, 0});
      if (poll(fds.data(), fds.size(), -1) < 0) {
        if (errno == EINTR) continue;
        return;
      }
      for (const auto& ready : fds) {
        if (ready.revents & POLLIN) take_input(ready.fd);
      }
    }
  }

 private:
  // A FIFO in place of `create` or `remove`, and what has been written to it.
  struct Channel {
    bool is_create;
    fs::path type_dir;
    fs::path device_dir;
    std::string pending;
  };

  void listen(const fs::path& file, Channel channel) {
    fs::remove(file, ec_);
    if (mkfifo(file.c_str(), 0644) != 0) throw std::runtime_error("mkfifo " + file.string());
    // Read and write: the FIFO never sees its last writer leave, and a
    // writer's open never waits for a reader.
    int fd = open(file.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("open " + file.string());
    channels_[fd] = std::move(channel);
  }

  void take_input(int fd) {
    char buf[4096];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return;
    Channel& channel = channels_.at(fd);
    for (ssize_t i = 0; i < n; ++i) {
      if (!isspace(static_cast<unsigned char>(buf[i]))) channel.pending += buf[i];
    }
    if (channel.is_create) {
      // Each write is one UUID (36 bytes, less than PIPE_BUF: never split).
      while (channel.pending.size() >= 36) {
        std::string uuid = channel.pending.substr(0, 36);
        channel.pending.erase(0, 36);
        on_create(channel.type_dir, uuid);
      }
      return;
    }
    bool remove = channel.pending.find('1') != std::string::npos;
    channel.pending.clear();
    if (remove) on_remove(fd);
  }

  void on_create(const fs::path& type_dir, const std::string& uuid) {
    if (!looks_like_uuid(uuid) || fs::exists(bus_ / uuid, ec_)) return;
    // The kernel refuses a create past the last instance (the mdev core with
    // EUSERS, mtty with ENOSPC). A write here cannot fail, so no device comes.
    if (std::stol(slurp(type_dir / "available_instances")) <= 0) return;
    fs::path parent_dir = type_dir.parent_path().parent_path();
    fs::path staging = parent_dir / (".sim-" + uuid);
    fs::create_directory(staging);
    fs::create_directory_symlink("../mdev_supported_types/" + type_dir.filename().string(),
                                 staging / "mdev_type");
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
    listen(device_dir / "remove", Channel{false, type_dir, device_dir, {}});
    // Last: mdevctl waits for this link, so everything else must be in place.
    fs::create_directory_symlink(fs::relative(device_dir, bus_), bus_ / uuid);
  }

  void on_remove(int fd) {
    Channel w = std::move(channels_.at(fd));
    channels_.erase(fd);
    close(fd);
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
  std::map<int, Channel> channels_;
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

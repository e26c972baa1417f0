#include "io/config_store.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>

#include "io/atomic_file.h"
#include "io/file_util.h"
#include "io/parallel.h"
#include "model/error.h"
#include "model/names.h"

namespace mdev {

namespace {

// Not parents: call-out scripts, and anything hidden.
bool is_parent_entry(const std::string& name) {
  return name != "scripts.d" && !name.empty() && name[0] != '.';
}

bool is_link(const std::filesystem::path& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

}  // namespace

// A parent directory that is a link would carry define, modify and undefine
// to wherever it points, outside etc/mdevctl.d.
void ConfigStore::refuse_linked_parent(const std::string& parent) const {
  if (is_link(dir_ / parent)) {
    throw Error((dir_ / parent).string() +
                " is a symbolic link: refusing to follow it out of etc/mdevctl.d");
  }
}

namespace {

// One file of etc/mdevctl.d/<parent>: loaded into a device, or a warning.
struct Entry {
  int parent_fd;
  std::string parent;
  std::string name;
  std::optional<Device> device;
  std::string warning;
  std::string fatal;
};

void load_entry(const std::filesystem::path& dir, int parent_fd, Entry& entry) {
  auto path = dir / entry.parent / entry.name;
  auto uuid = Uuid::parse(entry.name);
  // Only the lower-case name is ours: `modify`, `undefine` and `define` look a
  // device up by it, so an upper-case twin would be listed, autostarted and
  // defined again, but never found.
  if (!uuid || uuid->str() != entry.name) {
    entry.warning = "ignoring " + path.string() + ": file name is not a lower-case UUID";
    return;
  }
  auto text = read_file_at(parent_fd, entry.name.c_str());
  if (!text && (errno == EMFILE || errno == ENFILE)) {
    // Not a bad file: a listing without it would be a wrong answer.
    entry.fatal = "cannot read " + path.string() + ": " + errno_text(errno);
    return;
  }
  if (!text) {
    entry.warning = "ignoring " + path.string() + ": " + read_error_text(errno);
    return;
  }
  try {
    entry.device = Device{*uuid, entry.parent, parse_config(*text, path.string())};
  } catch (const Error& e) {
    entry.warning = std::string("ignoring ") + e.what();
  }
}

void load_entries(const std::filesystem::path& dir, std::vector<Entry>& entries,
                  LoadedConfigs& out) {
  for_each_in_parallel(entries.size(),
                       [&](size_t i) { load_entry(dir, entries[i].parent_fd, entries[i]); });
  out.devices.reserve(out.devices.size() + entries.size());
  for (auto& entry : entries) {
    if (!entry.fatal.empty()) throw Error(entry.fatal + " (raise the limit: ulimit -n)");
    if (entry.device) out.devices.push_back(std::move(*entry.device));
    if (!entry.warning.empty()) out.warnings.push_back(std::move(entry.warning));
  }
  entries.clear();
}

// Parent directories stay open while their files load.
using OpenParents = std::vector<std::unique_ptr<DirectoryHandle>>;

// Parents are loaded a batch at a time: thousands of open directories would
// run into the limit on open files. A batch takes at most half of what the
// limit leaves, so the reads beside it (one descriptor per thread) fit too.
size_t parents_per_batch() {
  rlimit limit{};
  size_t batch = 256;
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    size_t spare = limit.rlim_cur > 64 ? (limit.rlim_cur - 64) / 2 : 1;
    batch = std::clamp<size_t>(spare, 1, batch);
  }
  return batch;
}

void add_entries(const std::filesystem::path& dir, const std::string& parent,
                 std::vector<Entry>& entries, OpenParents& open, LoadedConfigs& out) {
  if (is_link(dir / parent)) {
    out.warnings.push_back("ignoring " + (dir / parent).string() + ": a symbolic link");
    return;
  }
  auto handle = std::make_unique<DirectoryHandle>(dir / parent);
  if (handle->fd() < 0) {
    if (errno == EMFILE || errno == ENFILE) {
      throw Error("cannot open " + (dir / parent).string() + ": " + errno_text(errno) +
                  " (raise the limit: ulimit -n)");
    }
    if (errno != ENOENT && errno != ENOTDIR) {
      out.warnings.push_back("ignoring " + (dir / parent).string() + ": " + errno_text(errno));
    }
    return;
  }
  open.push_back(std::move(handle));
  for (auto& name : list_directory(dir / parent)) {
    if (name[0] == '.') continue;  // temp files of an interrupted write, editor files
    entries.push_back(Entry{open.back()->fd(), parent, std::move(name), std::nullopt, {}, {}});
  }
}

}  // namespace

LoadedConfigs ConfigStore::load_all() const {
  std::vector<Entry> entries;
  OpenParents open;
  LoadedConfigs out;
  const size_t batch = parents_per_batch();
  for (const auto& parent : list_directory(dir_)) {
    if (!is_parent_entry(parent)) continue;
    if (!is_valid_utf8(parent)) {
      out.warnings.push_back("ignoring " + (dir_ / parent).string() + ": name is not valid UTF-8");
      continue;
    }
    add_entries(dir_, parent, entries, open, out);
    if (open.size() == batch) {
      load_entries(dir_, entries, out);
      open.clear();
    }
  }
  load_entries(dir_, entries, out);
  return out;
}

LoadedConfigs ConfigStore::load_parent(const std::string& parent) const {
  std::vector<Entry> entries;
  OpenParents open;
  LoadedConfigs out;
  add_entries(dir_, parent, entries, open, out);
  load_entries(dir_, entries, out);
  return out;
}

std::vector<Device> ConfigStore::find(const Uuid& uuid,
                                      const std::optional<std::string>& parent) const {
  std::vector<Device> out;
  auto consider = [&](const std::string& name) {
    auto path = file(name, uuid);
    auto text = read_file(path);
    if (!text && (errno == ENOENT || errno == ENOTDIR)) return;
    if (!text) throw Error("cannot read " + path.string() + ": " + read_error_text(errno));
    out.push_back(Device{uuid, name, parse_config(*text, path.string())});
  };
  if (parent) {
    refuse_linked_parent(*parent);
    consider(*parent);
  } else {
    for (const auto& name : list_directory(dir_)) {
      if (is_parent_entry(name) && !is_link(dir_ / name)) consider(name);
    }
  }
  return out;
}

bool ConfigStore::has_parent(const std::string& parent) const {
  struct stat st;
  return ::lstat((dir_ / parent).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool ConfigStore::exists(const std::string& parent, const Uuid& uuid) const {
  struct stat st;
  return ::stat(file(parent, uuid).c_str(), &st) == 0;
}

namespace {

// Only temp files of configs: whatever else a dot name is, it is not ours.
void remove_stale_temp_files(const std::filesystem::path& parent_dir) {
  for (const auto& name : list_directory(parent_dir)) {
    if (Uuid::parse(temp_file_target(name))) ::unlink((parent_dir / name).c_str());
  }
}

}  // namespace

namespace {

// Never write a file that read_file would refuse: the device would drop out
// of every listing, of autostart, modify and undefine.
void refuse_oversized(const Device& device, size_t bytes) {
  if (bytes <= kMaxFileBytes) return;
  throw Error("the definition of " + device.uuid.str() + " on " + device.parent + " would be " +
              std::to_string(bytes) + " bytes, over the limit of " +
              std::to_string(kMaxFileBytes >> 20) + " MiB for config files");
}

}  // namespace

void ConfigStore::check_size(const Device& device) const {
  refuse_oversized(device, config_to_json(device.config).size());
}

void ConfigStore::write(const Device& device) const {
  check_parent_name(device.parent);
  check_type_name(device.config.type);
  refuse_linked_parent(device.parent);
  std::string text = config_to_json(device.config);
  refuse_oversized(device, text.size());
  bool made_dir = make_directory_durably(dir_ / device.parent);
  if (!made_dir) remove_stale_temp_files(dir_ / device.parent);
  try {
    write_file_atomically(file(device.parent, device.uuid), text);
  } catch (const Error&) {
    // A failed command leaves the tree as it was.
    if (made_dir) ::rmdir((dir_ / device.parent).c_str());
    throw;
  }
}

void ConfigStore::remove(const std::string& parent, const Uuid& uuid) const {
  refuse_linked_parent(parent);
  remove_file_durably(file(parent, uuid));
}

}  // namespace mdev

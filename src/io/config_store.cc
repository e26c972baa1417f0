// SPDX-License-Identifier: LGPL-2.1-or-later
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

std::string linked_parent_warning(const std::filesystem::path& dir) {
  return "ignoring " + dir.string() + ": a symbolic link";
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

// One file of etc/mdevctl.d/<parent> to load. Small: a listing holds one per
// definition at once (32,000 and more).
struct Entry {
  uint32_t parent;  // index into the batch's open parents
  // A name that is not a lower-case UUID has none, and its warning is
  // bad_names[bad_name], kept in file order.
  std::optional<Uuid> uuid;
  uint32_t bad_name;
};

// What loading one file came to: a config, or a warning, or a fatal error.
struct Loaded {
  std::optional<DeviceConfig> config;
  std::string warning;
  std::string fatal;
};

Loaded load_entry(const std::filesystem::path& path, int parent_fd, const Uuid& uuid) {
  Loaded out;
  auto text = read_file_at(parent_fd, uuid.str().c_str());
  if (!text && (errno == EMFILE || errno == ENFILE)) {
    // Not a bad file: a listing without it would be a wrong answer.
    out.fatal = "cannot read " + path.string() + ": " + errno_text(errno);
    return out;
  }
  if (!text) {
    out.warning = "ignoring " + path.string() + ": " + read_error_text(errno);
    return out;
  }
  try {
    out.config = parse_config(*text, path.string());
  } catch (const Error& e) {
    out.warning = std::string("ignoring ") + e.what();
  }
  return out;
}

// A parent directory held open while its files load.
struct OpenParent {
  std::string name;
  std::unique_ptr<DirectoryHandle> handle;
};

// The parents loaded together and their files.
struct Batch {
  std::vector<OpenParent> open;
  std::vector<Entry> entries;
  std::vector<std::string> bad_names;
};

// Files are parsed a chunk at a time, in parallel, and appended in order:
// what is held besides the devices themselves stays this small.
constexpr size_t kChunk = 512;

asio::awaitable<void> load_entries(WorkerThreads& workers, const std::filesystem::path& dir,
                                   Batch& batch, LoadedConfigs& out) {
  const std::vector<OpenParent>& open = batch.open;
  const std::vector<Entry>& entries = batch.entries;
  out.devices.reserve(out.devices.size() + entries.size());
  std::vector<Loaded> chunk(std::min(kChunk, entries.size()));
  for (size_t begin = 0; begin < entries.size(); begin += kChunk) {
    size_t count = std::min(kChunk, entries.size() - begin);
    co_await for_each_in_parallel(workers, count, [&](size_t i) {
      const Entry& entry = entries[begin + i];
      if (!entry.uuid) return;
      const OpenParent& parent = open[entry.parent];
      chunk[i] =
          load_entry(dir / parent.name / entry.uuid->str(), parent.handle->fd(), *entry.uuid);
    });
    for (size_t i = 0; i < count; ++i) {
      Loaded& loaded = chunk[i];
      if (!loaded.fatal.empty()) throw Error(loaded.fatal + " (raise the limit: ulimit -n)");
      const Entry& entry = entries[begin + i];
      if (!entry.uuid) out.warnings.push_back(std::move(batch.bad_names[entry.bad_name]));
      if (loaded.config) {
        out.devices.push_back(
            Device{*entry.uuid, open[entry.parent].name, std::move(*loaded.config)});
      }
      if (!loaded.warning.empty()) out.warnings.push_back(std::move(loaded.warning));
      loaded = Loaded{};
    }
  }
  batch = Batch{};
}

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

void add_entries(const std::filesystem::path& dir, const std::string& parent, Batch& batch,
                 LoadedConfigs& out) {
  std::vector<OpenParent>& open = batch.open;
  std::vector<Entry>& entries = batch.entries;
  std::vector<std::string>& bad_names = batch.bad_names;
  if (is_link(dir / parent)) {
    out.warnings.push_back(linked_parent_warning(dir / parent));
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
  open.push_back(OpenParent{parent, std::move(handle)});
  const auto index = static_cast<uint32_t>(open.size() - 1);
  for (const auto& name : list_directory(dir / parent)) {
    if (name[0] == '.') continue;  // temp files of an interrupted write, editor files
    auto uuid = Uuid::parse(name);
    // Only the lower-case name is ours: `modify`, `undefine` and `define` look a
    // device up by it, so an upper-case twin would be listed, autostarted and
    // defined again, but never found.
    if (!uuid || uuid->str() != name) {
      entries.push_back(Entry{index, std::nullopt, static_cast<uint32_t>(bad_names.size())});
      bad_names.push_back("ignoring " + (dir / parent / name).string() +
                          ": file name is not a lower-case UUID");
      continue;
    }
    entries.push_back(Entry{index, uuid, 0});
  }
}

}  // namespace

asio::awaitable<LoadedConfigs> ConfigStore::load_all(WorkerThreads& workers) const {
  Batch batch;
  LoadedConfigs out;
  const size_t batch_size = parents_per_batch();
  for (const auto& parent : list_directory(dir_)) {
    if (!is_parent_entry(parent)) continue;
    if (!is_valid_utf8(parent)) {
      out.warnings.push_back("ignoring " + (dir_ / parent).string() + ": name is not valid UTF-8");
      continue;
    }
    add_entries(dir_, parent, batch, out);
    if (batch.open.size() == batch_size) co_await load_entries(workers, dir_, batch, out);
  }
  co_await load_entries(workers, dir_, batch, out);
  co_return out;
}

asio::awaitable<LoadedConfigs> ConfigStore::load_parent(WorkerThreads& workers,
                                                        const std::string& parent) const {
  Batch batch;
  LoadedConfigs out;
  add_entries(dir_, parent, batch, out);
  co_await load_entries(workers, dir_, batch, out);
  co_return out;
}

std::vector<Device> ConfigStore::find(const Uuid& uuid, const std::optional<std::string>& parent,
                                      std::vector<std::string>* skipped) const {
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
      if (!is_parent_entry(name)) continue;
      if (!is_link(dir_ / name)) {
        consider(name);
      } else if (skipped && exists(name, uuid)) {
        skipped->push_back(linked_parent_warning(dir_ / name));
      }
    }
  }
  return out;
}

bool ConfigStore::has_parent(const std::string& parent, std::string* refusal) const {
  struct stat st;
  if (::lstat((dir_ / parent).c_str(), &st) != 0) return false;
  if (S_ISLNK(st.st_mode) && refusal) *refusal = linked_parent_warning(dir_ / parent);
  return S_ISDIR(st.st_mode);
}

bool ConfigStore::has_definitions(const std::string& parent) const {
  for (const auto& name : list_directory(dir_ / parent)) {
    if (Uuid::parse(name)) return true;
  }
  return false;
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

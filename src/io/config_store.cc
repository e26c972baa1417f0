#include "io/config_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include "io/atomic_file.h"
#include "io/file_util.h"
#include "model/error.h"
#include "model/names.h"

namespace mdev {

namespace {

// Not parents: call-out scripts, and anything hidden.
bool is_parent_entry(const std::string& name) {
  return name != "scripts.d" && !name.empty() && name[0] != '.';
}

}  // namespace

void ConfigStore::load_into(const std::string& parent, LoadedConfigs& out) const {
  auto dir = dir_ / parent;
  for (const auto& name : list_directory(dir)) {
    if (name[0] == '.') continue;  // temp files of an interrupted write, editor files
    auto path = dir / name;
    auto uuid = Uuid::parse(name);
    if (!uuid) {
      out.warnings.push_back("ignoring " + path.string() + ": file name is not a UUID");
      continue;
    }
    auto text = read_file(path);
    if (!text) {
      out.warnings.push_back("ignoring " + path.string() + ": cannot read it");
      continue;
    }
    try {
      out.devices.push_back(Device{*uuid, parent, parse_config(*text, path.string())});
    } catch (const Error& e) {
      out.warnings.push_back(std::string("ignoring ") + e.what());
    }
  }
}

LoadedConfigs ConfigStore::load_all() const {
  LoadedConfigs out;
  for (const auto& parent : list_directory(dir_)) {
    if (is_parent_entry(parent)) load_into(parent, out);
  }
  return out;
}

LoadedConfigs ConfigStore::load_parent(const std::string& parent) const {
  LoadedConfigs out;
  load_into(parent, out);
  return out;
}

std::vector<Device> ConfigStore::find(const Uuid& uuid,
                                      const std::optional<std::string>& parent) const {
  std::vector<Device> out;
  auto consider = [&](const std::string& name) {
    auto path = file(name, uuid);
    auto text = read_file(path);
    if (!text) return;
    out.push_back(Device{uuid, name, parse_config(*text, path.string())});
  };
  if (parent) {
    consider(*parent);
  } else {
    for (const auto& name : list_directory(dir_)) {
      if (is_parent_entry(name)) consider(name);
    }
  }
  return out;
}

bool ConfigStore::exists(const std::string& parent, const Uuid& uuid) const {
  struct stat st;
  return ::stat(file(parent, uuid).c_str(), &st) == 0;
}

void ConfigStore::write(const Device& device) const {
  check_parent_name(device.parent);
  check_type_name(device.config.type);
  bool made_dir = make_directory_durably(dir_ / device.parent);
  try {
    write_file_atomically(file(device.parent, device.uuid), config_to_json(device.config));
  } catch (const Error&) {
    // A failed command leaves the tree as it was.
    if (made_dir) ::rmdir((dir_ / device.parent).c_str());
    throw;
  }
}

void ConfigStore::remove(const std::string& parent, const Uuid& uuid) const {
  remove_file_durably(file(parent, uuid));
}

}  // namespace mdev

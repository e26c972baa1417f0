// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <asio/awaitable.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/root.h"
#include "model/device.h"

namespace mdev {

class WorkerThreads;

// Definitions read from etc/mdevctl.d, with a warning for each file skipped.
struct LoadedConfigs {
  std::vector<Device> devices;  // sorted by parent, then UUID
  std::vector<std::string> warnings;
};

// The persistent device definitions: etc/mdevctl.d/<parent>/<uuid>.
class ConfigStore {
 public:
  explicit ConfigStore(const Root& root) : dir_(root.config_dir()) {}

  // A bad file never stops the others from loading: it becomes a warning.
  // Many files are read in parallel on `workers` (io/parallel.h).
  asio::awaitable<LoadedConfigs> load_all(WorkerThreads& workers) const;
  asio::awaitable<LoadedConfigs> load_parent(WorkerThreads& workers,
                                             const std::string& parent) const;
  // All definitions of `uuid` (on `parent` only, when given); bad files are
  // errors. A linked parent dir holding `uuid` is skipped: `skipped` then
  // gets the warning load_all gives.
  std::vector<Device> find(const Uuid& uuid, const std::optional<std::string>& parent,
                           std::vector<std::string>* skipped = nullptr) const;
  // Throws when etc/mdevctl.d/<parent> is a link: a change would follow it out.
  void refuse_linked_parent(const std::string& parent) const;

  bool exists(const std::string& parent, const Uuid& uuid) const;
  // Whether etc/mdevctl.d has a directory (not a link) for `parent`. A link
  // there is refused: `refusal` then gets the warning load_parent gives.
  bool has_parent(const std::string& parent, std::string* refusal = nullptr) const;
  // Whether `parent` has a definition file (a name that is a UUID), read or not.
  bool has_definitions(const std::string& parent) const;
  // Throws when the device's file would be over the limit that reads keep to.
  void check_size(const Device& device) const;
  // Also removes what writes killed midway left in the parent's directory.
  void write(const Device& device) const;
  void remove(const std::string& parent, const Uuid& uuid) const;

 private:
  std::filesystem::path file(const std::string& parent, const Uuid& uuid) const {
    return dir_ / parent / uuid.str();
  }

  std::filesystem::path dir_;
};

}  // namespace mdev

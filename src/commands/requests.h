// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// What the CLI parsed, one struct per command; validation of the values
// happens in the commands so that every front end gets the same errors.
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace mdev {

struct ListRequest {
  bool defined = false;
  bool verbose = false;
  bool dumpjson = false;
  std::optional<std::string> uuid = {};
  std::optional<std::string> parent = {};
};

struct TypesRequest {
  bool dumpjson = false;
  std::optional<std::string> parent = {};
};

struct DefineRequest {
  std::optional<std::string> uuid = {};
  std::optional<std::string> parent = {};
  std::optional<std::string> type = {};
  std::optional<std::string> jsonfile = {};
  bool autostart = false;
  // N definitions at once on the free VFs of the SR-IOV PF --parent names.
  std::optional<std::string> count = {};
};

struct UndefineRequest {
  std::string uuid = {};
  std::optional<std::string> parent = {};
};

struct ModifyRequest {
  std::string uuid = {};
  std::optional<std::string> parent = {};
  std::optional<std::string> type = {};
  std::optional<std::string> addattr = {};
  std::optional<std::string> value = {};
  std::optional<long> index = {};
  std::optional<std::string> jsonfile = {};
  bool delattr = false;
  bool autostart = false;
  bool manual = false;
  bool live = false;
  bool defined = false;
};

struct StartRequest {
  std::optional<std::string> uuid = {};
  std::optional<std::string> parent = {};
  std::optional<std::string> type = {};
  std::optional<std::string> jsonfile = {};
};

struct StopRequest {
  std::string uuid = {};
};

struct MonitorRequest {
  std::string source = "udev";  // or "kernel"
  bool events = false;          // --events: one JSON line per change on stdout
  double grace = 10;            // seconds running work may take after SIGTERM
  double vgpu_retry = 600;      // seconds a VF whose type is not creatable yet is retried
};

struct StartParentRequest {
  std::vector<std::string> parents = {};
  bool all = false;  // every parent present that has definitions
};

struct VersionRequest {};

// What one command line asks for.
using Request =
    std::variant<ListRequest, TypesRequest, DefineRequest, UndefineRequest, ModifyRequest,
                 StartRequest, StopRequest, StartParentRequest, MonitorRequest, VersionRequest>;

}  // namespace mdev

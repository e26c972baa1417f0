// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/sriov_functions.h"

#include <cstdio>

#include "io/file_util.h"
#include "model/names.h"
#include "model/vgpu_types.h"

namespace mdev {
namespace {

std::optional<unsigned> read_count(const std::string& path) {
  auto text = read_file(path);
  if (!text) return std::nullopt;
  auto value = parse_vgpu_id(*text);  // a plain decimal, as sysfs writes it
  if (!value || *value > 0xffff) return std::nullopt;
  return static_cast<unsigned>(*value);
}

// "0000:41:00.0" -> domain 0, routing id 0x4100; nullopt for anything else.
std::optional<std::pair<unsigned, unsigned>> routing_id(const std::string& address) {
  unsigned domain, bus, device, function;
  char end;
  if (std::sscanf(address.c_str(), "%x:%x:%x.%x%c", &domain, &bus, &device, &function, &end) != 4 ||
      bus > 0xff || device > 0x1f || function > 7) {
    return std::nullopt;
  }
  return std::pair{domain, bus << 8 | device << 3 | function};
}

}  // namespace

SriovFunctions::SriovFunctions(const Root& root, const KernelWrites& writes)
    : root_(root), writes_(&writes), devices_dir_(root.path("sys/bus/pci/devices").string()) {}

std::string SriovFunctions::dir(const std::string& address) const {
  return devices_dir_ + '/' + address;
}

std::optional<SriovPf> SriovFunctions::pf(const std::string& address) const {
  if (address.empty() || address.find('/') != std::string::npos) return std::nullopt;
  const std::string base = dir(address) + '/';
  auto total = read_count(base + "sriov_totalvfs");
  if (!total || *total == 0) return std::nullopt;
  SriovPf pf{address, *total};
  pf.enabled = read_count(base + "sriov_numvfs").value_or(0);
  pf.offset = read_count(base + "sriov_offset").value_or(1);
  pf.stride = read_count(base + "sriov_stride").value_or(1);
  pf.vendor = trim(read_file(base + "vendor").value_or(""));
  return pf;
}

std::vector<std::string> SriovFunctions::vf_addresses(const SriovPf& pf) const {
  std::vector<std::string> out;
  auto id = routing_id(pf.address);
  if (!id) return out;
  for (unsigned n = 0; n < pf.total; ++n) {
    unsigned rid = id->second + pf.offset + n * pf.stride;
    if (rid > 0xffff) break;
    char address[32];
    std::snprintf(address, sizeof address, "%04x:%02x:%02x.%u", id->first, rid >> 8,
                  (rid >> 3) & 0x1f, rid & 7);
    out.emplace_back(address);
  }
  return out;
}

std::vector<std::string> SriovFunctions::pfs() const {
  std::vector<std::string> out;
  for (auto& name : list_directory(devices_dir_)) {
    if (pf(name)) out.push_back(std::move(name));
  }
  return out;
}

std::optional<unsigned> SriovFunctions::enabled(const std::string& pf) const {
  return read_count(dir(pf) + "/sriov_numvfs");
}

void SriovFunctions::enable(const std::string& pf, unsigned count) const {
  writes_->write(dir(pf) + "/sriov_numvfs", std::to_string(count), SysfsFile::kMustExist);
}

std::string SriovFunctions::nvidia_tool() const {
  std::string tool = root_.path("usr/lib/nvidia/sriov-manage").string();
  return is_executable_file(tool) ? tool : "";
}

}  // namespace mdev

// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <string>

namespace mdev {

// kVgpuType: a type id, or 0, to a VF's nvidia/current_vgpu_type;
// kVgpuAttribute: a value to another file of its nvidia/; kSriov: a count to
// a PF's sriov_numvfs.
enum class SysfsWrite { kCreate, kRemove, kAttribute, kVgpuType, kVgpuAttribute, kSriov };

// What a refused sysfs write most likely means, for the error line
// (the established tool says only "Invalid argument (os error 22)").
std::string likely_cause(SysfsWrite write, int code);

// "<what> failed: <errno text> (os error N)[: <likely cause>]".
std::string describe_refusal(SysfsWrite write, int code, const std::string& what);

}  // namespace mdev

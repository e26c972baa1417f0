// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// Small steps several commands share.
#include <asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/context.h"

namespace mdev {

std::optional<Uuid> parse_optional_uuid(const std::optional<std::string>& text);
void check_optional_parent(const std::optional<std::string>& parent);
// Reads a --jsonfile once (it may be a pipe such as /dev/stdin) and parses it.
DeviceConfig read_config_file(const std::string& path);
// The one definition of `uuid` (on `parent` when given); throws when there are several.
std::optional<Device> find_single_definition(const Context& ctx, const Uuid& uuid,
                                             const std::optional<std::string>& parent);
// The type `-t given` means on `parent`: a type id as it is, or the id of
// the one type it names (behaviour.md section 11, "Types by name"); as
// given when the parent is not there. Throws when the name is ambiguous.
std::string type_meant_on(const Context& ctx, const std::string& parent, const std::string& given);
void log_warnings(const Context& ctx, const std::vector<std::string>& warnings);
// The hint of behaviour.md section 4, for when there is no mdev parent at all.
void hint_no_parents(Context& ctx);

}  // namespace mdev

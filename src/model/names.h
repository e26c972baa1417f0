// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace mdev {

// Parent, type and attribute names become path components under the root
// (behaviour.md section 2). One rule for all of them, wherever they come
// from: one component (no '/', not '.' or '..'), no NUL or control bytes,
// valid UTF-8, at most 255 bytes. These throw mdev::Error saying why.
void check_parent_name(std::string_view name);
void check_type_name(std::string_view name);
void check_attribute_name(std::string_view name);

bool is_valid_utf8(std::string_view text);

// `text` fit for one error line: control bytes and invalid UTF-8 as \xNN,
// cut after about 100 bytes so that a huge input cannot flood the terminal.
std::string quoted_for_error(std::string_view text);
// The same without quotes, cut after `max_bytes`: for messages from libraries.
std::string escaped_for_error(std::string_view text, size_t max_bytes);

}  // namespace mdev

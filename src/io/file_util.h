#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mdev {

// Whole-file read; nullopt when the file cannot be opened.
std::optional<std::string> read_file(const std::filesystem::path& path);
std::string trim(std::string_view text);
// Names in a directory, byte-sorted; empty when it does not exist.
std::vector<std::string> list_directory(const std::filesystem::path& dir);
// readlink(2); nullopt when `path` is not a symlink.
std::optional<std::filesystem::path> read_link(const std::filesystem::path& path);
std::string errno_text(int err);

}  // namespace mdev

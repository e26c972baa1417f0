#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace mdev {

// A device UUID, always held in lower-case hyphenated form.
class Uuid {
 public:
  // Accepts any case; returns nullopt for anything that is not a UUID.
  static std::optional<Uuid> parse(std::string_view text);
  // Throws mdev::Error naming the bad text.
  static Uuid parse_or_throw(std::string_view text);
  static Uuid random();

  const std::string& str() const { return text_; }
  auto operator<=>(const Uuid&) const = default;

 private:
  explicit Uuid(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

}  // namespace mdev

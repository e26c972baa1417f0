#include "model/uuid.h"

#include <uuid/uuid.h>

#include "model/error.h"

namespace mdev {

std::optional<Uuid> Uuid::parse(std::string_view text) {
  // uuid_parse wants exactly the 36-character hyphenated form.
  if (text.size() != 36) return std::nullopt;
  std::string copy(text);
  uuid_t raw;
  if (uuid_parse(copy.c_str(), raw) != 0) return std::nullopt;
  char out[37];
  uuid_unparse_lower(raw, out);
  return Uuid(out);
}

Uuid Uuid::parse_or_throw(std::string_view text) {
  auto uuid = parse(text);
  if (!uuid) throw Error("invalid UUID '" + std::string(text) + "'");
  return *uuid;
}

Uuid Uuid::random() {
  uuid_t raw;
  uuid_generate_random(raw);
  char out[37];
  uuid_unparse_lower(raw, out);
  return Uuid(out);
}

}  // namespace mdev

#include "model/uuid.h"

#include <uuid/uuid.h>

#include "model/error.h"
#include "model/names.h"

namespace mdev {

std::optional<Uuid> Uuid::parse(std::string_view text) {
  // Checked here rather than with uuid_parse: `list` parses one UUID per file
  // and uuid_parse's strtoul calls were a tenth of its time.
  if (text.size() != 36) return std::nullopt;
  std::string out(text);
  for (size_t i = 0; i < out.size(); ++i) {
    char& c = out[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return std::nullopt;
    } else if (c >= 'A' && c <= 'F') {
      c = static_cast<char>(c - 'A' + 'a');
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return std::nullopt;
    }
  }
  return Uuid(std::move(out));
}

Uuid Uuid::parse_or_throw(std::string_view text) {
  auto uuid = parse(text);
  if (!uuid) throw Error("invalid UUID " + quoted_for_error(text));
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

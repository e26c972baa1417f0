// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/vgpu_catalogue.h"

#include <expat.h>

#include <cstring>
#include <memory>

#include "model/error.h"
#include "model/vgpu_types.h"

namespace mdev {
namespace {

using Catalogue = std::map<unsigned long, std::string>;

void on_element(void* data, const XML_Char* element, const XML_Char** attributes) {
  if (std::strcmp(element, "vgpuType") != 0) return;
  std::optional<unsigned long> id;
  std::string name;
  for (const XML_Char** a = attributes; a[0] != nullptr; a += 2) {
    if (std::strcmp(a[0], "id") == 0) id = parse_vgpu_id(a[1]);
    if (std::strcmp(a[0], "name") == 0) name = a[1];
  }
  if (id && *id != 0 && !name.empty()) static_cast<Catalogue*>(data)->emplace(*id, name);
}

// Debian 13's expat (2.9) deprecates the call that Debian 12's (2.5) has alone.
unsigned long long line_of(XML_Parser parser) {
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 9)
  return XML_GetCurrentLineNumber64(parser);
#else
  return XML_GetCurrentLineNumber(parser);
#endif
}

}  // namespace

Catalogue parse_vgpu_catalogue(std::string_view xml) {
  Catalogue out;
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate("UTF-8"),
                                                                      &XML_ParserFree);
  if (!parser) throw Error("cannot make an XML parser");
  XML_SetUserData(parser.get(), &out);
  XML_SetStartElementHandler(parser.get(), &on_element);
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) !=
      XML_STATUS_OK) {
    throw Error(std::string("not well-formed XML at line ") +
                std::to_string(line_of(parser.get())) + ": " +
                XML_ErrorString(XML_GetErrorCode(parser.get())));
  }
  return out;
}

}  // namespace mdev

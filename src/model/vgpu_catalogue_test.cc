// SPDX-License-Identifier: LGPL-2.1-or-later
#include "model/vgpu_catalogue.h"

#include "model/error.h"
#include "support/catch.h"

using namespace mdev;

TEST_CASE("vgpuConfig.xml: the id and name of every vgpuType, whatever else is there") {
  auto names = parse_vgpu_catalogue(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<vgpuConfig>\n"
      "  <!-- a comment -->\n"
      "  <vgpuType id=\"1145\" name=\"NVIDIA L40S-1B\" class=\"Quadro\">\n"
      "    <framebuffer>0x40000000</framebuffer>\n"
      "  </vgpuType>\n"
      "  <vgpuType name='NVIDIA L40S-1Q' id='1147'/>\n"
      "  <vgpuType id=\"x\" name=\"no id\"/>\n"
      "  <vgpuType id=\"1150\"/>\n"
      "  <pgpu><vgpuType id=\"1414\" name=\"NVIDIA H200X-1-18C &amp; more\"/></pgpu>\n"
      "</vgpuConfig>\n");
  CHECK(names == std::map<unsigned long, std::string>{{1145, "NVIDIA L40S-1B"},
                                                      {1147, "NVIDIA L40S-1Q"},
                                                      {1414, "NVIDIA H200X-1-18C & more"}});
}

TEST_CASE("vgpuConfig.xml that is not well-formed is an error") {
  CHECK_THROWS_AS(parse_vgpu_catalogue("<vgpuConfig><vgpuType id=\"1\" name=\"a\">"), Error);
  CHECK_THROWS_AS(parse_vgpu_catalogue("not xml"), Error);
  CHECK(parse_vgpu_catalogue("<vgpuConfig/>").empty());
}

TEST_CASE("vgpuConfig.xml: the error says on which line") {
  CHECK_THROWS_WITH(parse_vgpu_catalogue("<vgpuConfig>\n<vgpuType id=\"1\">\n</vgpuConfig>\n"),
                    "not well-formed XML at line 3: mismatched tag");
}

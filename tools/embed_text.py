#!/usr/bin/env python3
"""Embed a text file into a C++ source as a std::string_view constant.

usage: embed_text.py INPUT OUTPUT qualified::name
"""
import sys

src, out, name = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(src, "rb").read()
ns, _, ident = name.rpartition("::")
# Chunks of hex escapes keep the generated file free of any quoting issue.
lines = []
for i in range(0, len(data), 64):
    chunk = data[i:i + 64]
    lines.append('    "' + "".join("\\x%02x" % b for b in chunk) + '"')
with open(out, "w") as f:
    f.write("// Generated from %s by tools/embed_text.py. Do not edit.\n" % src.split("/")[-1])
    f.write("#include <string_view>\n")
    f.write("namespace %s {\n" % ns)
    f.write("extern const std::string_view %s;\n" % ident)
    f.write("static const char k_data[] =\n%s;\n" % "\n".join(lines or ['    ""']))
    f.write("const std::string_view %s(k_data, %d);\n" % (ident, len(data)))
    f.write("}  // namespace %s\n" % ns)

#!/usr/bin/env python3
"""Generate the Calc add-in artefacts from the single metadata source addin/fonctions.json.

Outputs (each optional):
  --idl FILE   UNO IDL of the functions interface and service (compiled by unoidl-write)
  --cxx FILE   C++ include with the XAddIn tables (names, descriptions, arguments; fr + en)
  --md FILE    the function reference (Markdown), checked in as docs/fonctions.md

  --check      instead of writing, compare with the existing files and fail (exit 1) with a
               diff when they differ; used by the ctest that keeps idl/XFonctions.idl and
               docs/fonctions.md in sync with the JSON.

Arguments are described once, by key, in "arguments" and listed by key in each function's "args".
The key is also the parameter name (wizard, docs) unless the argument has a "param" field:
two functions may then use the same parameter name with different types or texts (e.g.
typologies_territoire, required in CRITERES.SELECTION and optional in CRITERES.SENSIBILITE).
In the IDL the parameter name is written in lowerCamelCase (montant_ht -> montantHt).

Standard library only (run by CMake's Python3 interpreter).
"""
import argparse
import difflib
import json
import sys

IDL_TYPES = {
    "double": "double",
    "long": "long",
    "boolean": "boolean",
    "string": "string",
    "any": "any",
    "sequence<sequence<any>>": "sequence< sequence< any > >",
    # Calc 7.4 turns a boolean result into 0 (ScApiTypeConversion::ConvertAnyToDouble ignores
    # BOOLEAN): a truth value is therefore returned as the double 1 / 0.
    "logical": "double",
}
ARG_TYPES = {"double", "long", "string", "any", "sequence<sequence<any>>"}
RET_TYPES = {"double", "long", "logical", "string", "any", "sequence<sequence<any>>"}
LANGS = ("fr", "en")

ARG_KIND_MD = {
    "fr": {"double": "nombre", "long": "entier", "string": "texte", "any": "valeur ou plage",
           "sequence<sequence<any>>": "plage"},
    "en": {"double": "number", "long": "integer", "string": "text", "any": "value or range",
           "sequence<sequence<any>>": "range"},
}
RET_KIND_MD = {
    "fr": {"double": "nombre", "long": "entier", "logical": "1 (VRAI) ou 0 (FAUX)", "string": "texte",
           "any": "nombre, 1/0 (VRAI/FAUX) ou vide", "sequence<sequence<any>>": "matrice"},
    "en": {"double": "number", "long": "integer", "logical": "1 (TRUE) or 0 (FALSE)", "string": "text",
           "any": "number, 1/0 (TRUE/FALSE) or blank", "sequence<sequence<any>>": "array"},
}


def fail(msg):
    sys.stderr.write("gen_addin.py: %s\n" % msg)
    sys.exit(2)


def load(path):
    with open(path, encoding="utf-8") as f:
        meta = json.load(f)
    args = meta["arguments"]
    seen_methods, seen_names = set(), set()
    for fn in meta["functions"]:
        m, n = fn["method"], fn["name"]
        if m in seen_methods or n.upper() in seen_names:
            fail("duplicate function %s / %s" % (m, n))
        seen_methods.add(m)
        seen_names.add(n.upper())
        if not m.isidentifier() or not m.isascii():
            fail("bad method name %r" % m)
        if fn["returns"] not in RET_TYPES:
            fail("%s: unsupported return type %r" % (m, fn["returns"]))
        for lang in LANGS:
            if not fn["description"].get(lang):
                fail("%s: missing %s description" % (m, lang))
        optional_seen = False
        params, idl_params = set(), set()
        for a in fn["args"]:
            if a not in args:
                fail("%s: unknown argument %r" % (m, a))
            spec = args[a]
            p = spec.get("param", a)
            if not p.isidentifier() or not p.isascii():
                fail("argument %s: bad parameter name %r" % (a, p))
            if p in params:
                fail("%s: duplicate parameter name %s" % (m, p))
            params.add(p)
            camel = idl_param(meta, a)
            if camel in idl_params:
                fail("%s: duplicate IDL parameter name %s" % (m, camel))
            idl_params.add(camel)
            if spec["type"] not in ARG_TYPES:
                fail("argument %s: unsupported type %r" % (a, spec["type"]))
            opt = spec.get("optional", False)
            if opt and spec["type"] != "any":
                fail("argument %s: optional arguments must be typed any" % a)
            if not opt and spec["type"] == "any":
                # Calc treats every `any` parameter as optional (wizard, omitted arguments)
                fail("argument %s: a required argument cannot be typed any (use a range type)" % a)
            if optional_seen and not opt:
                fail("%s: required argument %s after an optional one" % (m, a))
            optional_seen = optional_seen or opt
            for lang in LANGS:
                if not spec["name"].get(lang) or not spec["description"].get(lang):
                    fail("argument %s: missing %s texts" % (a, lang))
    return meta


def param(meta, a):
    """The parameter name of argument key a (IDL, C++ table, docs): its "param" field or the key."""
    return meta["arguments"][a].get("param", a)


def idl_param(meta, a):
    """The IDL parameter name: the parameter name in lowerCamelCase (unoidl rejects identifiers that
    mix lower case and '_', such as montant_ht). Not stored in documents, not shown by Calc."""
    head, *rest = param(meta, a).split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


def qualified(meta, name, sep="."):
    return sep.join(meta["module"] + [name])


# ----------------------------------------------------------------------------------------------
# IDL

def gen_idl(meta):
    mods = meta["module"]
    out = []
    out.append("// GENERATED by tools/gen_addin.py from addin/fonctions.json. Do not edit:")
    out.append("// edit the JSON and rebuild (the ctest eci_generated_files_up_to_date compares).")
    out.append("// The service, interface and method names are stored in spreadsheets: never rename them.")
    out.append("")
    out.append("#ifndef %s_IDL" % "_".join(m.upper() for m in mods + [meta["interface"]]))
    out.append("#define %s_IDL" % "_".join(m.upper() for m in mods + [meta["interface"]]))
    out.append("")
    out.append("#include <com/sun/star/uno/XInterface.idl>")
    out.append("#include <com/sun/star/lang/IllegalArgumentException.idl>")
    out.append("#include <com/sun/star/sheet/AddIn.idl>")
    out.append("")
    out.append(" ".join("module %s {" % m for m in mods))
    out.append("")
    out.append("/** Spreadsheet functions of the ECi extension (see docs/fonctions.md). */")
    out.append("interface %s : com::sun::star::uno::XInterface" % meta["interface"])
    out.append("{")
    for fn in meta["functions"]:
        params = []
        for a in fn["args"]:
            params.append("[in] %s %s" % (IDL_TYPES[meta["arguments"][a]["type"]], idl_param(meta, a)))
        out.append("    /// %s" % fn["name"])
        out.append("    %s %s( %s )" % (IDL_TYPES[fn["returns"]], fn["method"], ", ".join(params)))
        out.append("        raises( com::sun::star::lang::IllegalArgumentException );")
    out.append("};")
    out.append("")
    out.append("service %s" % meta["service"])
    out.append("{")
    out.append("    interface %s;" % meta["interface"])
    out.append("    service com::sun::star::sheet::AddIn;")
    out.append("};")
    out.append("")
    out.append(" ".join("};" for _ in mods))
    out.append("")
    out.append("#endif")
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------------------------
# C++ tables

def cstr(s):
    """A C++ narrow string literal holding UTF-8, with every non-ASCII byte escaped."""
    res = []
    for b in s.encode("utf-8"):
        c = chr(b)
        if c == '"' or c == "\\":
            res.append("\\" + c)
        elif 0x20 <= b < 0x7F:
            res.append(c)
        else:
            res.append("\\%03o" % b)  # octal: never swallows following hex digits
    return '"' + "".join(res) + '"'


def gen_cxx(meta):
    out = []
    out.append("// GENERATED by tools/gen_addin.py from addin/fonctions.json. Do not edit.")
    out.append("// Strings are UTF-8. Included by addin/src/fonctions_uno.cpp and the Calc tests.")
    out.append("#pragma once")
    out.append("")
    out.append("namespace eci::addin::meta {")
    out.append("")
    out.append("struct Text { const char* fr; const char* en; };")
    out.append("struct Argument { const char* idl; bool optional; Text name; Text description; };")
    out.append("struct Function {")
    out.append("    const char* method;       // IDL method = programmatic name suffix")
    out.append("    const char* name;         // display name, same in every language")
    out.append("    const char* category;     // programmatic category")
    out.append("    Text description;")
    out.append("    const Argument* arguments;")
    out.append("    int argumentCount;")
    out.append("};")
    out.append("")
    out.append("inline constexpr const char* kModule = %s;" % cstr(".".join(meta["module"])))
    out.append("inline constexpr const char* kService = %s;" % cstr(qualified(meta, meta["service"])))
    out.append("inline constexpr const char* kImplementation = %s;"
               % cstr(qualified(meta, meta["implementation"])))
    out.append("inline constexpr const char* kInterface = %s;" % cstr(qualified(meta, meta["interface"])))
    out.append("")
    for fn in meta["functions"]:
        out.append("inline constexpr Argument k_%s_args[] = {" % fn["method"])
        for a in fn["args"]:
            spec = meta["arguments"][a]
            out.append("    {%s, %s," % (cstr(idl_param(meta, a)), "true" if spec.get("optional") else "false"))
            out.append("     {%s, %s}," % (cstr(spec["name"]["fr"]), cstr(spec["name"]["en"])))
            out.append("     {%s,\n      %s}}," % (cstr(spec["description"]["fr"]),
                                                   cstr(spec["description"]["en"])))
        out.append("};")
    out.append("")
    out.append("inline constexpr Function kFunctions[] = {")
    for fn in meta["functions"]:
        out.append("    {%s, %s, %s," % (cstr(fn["method"]), cstr(fn["name"]),
                                        cstr(fn.get("category", meta["category"]))))
        out.append("     {%s,\n      %s}," % (cstr(fn["description"]["fr"]), cstr(fn["description"]["en"])))
        out.append("     k_%s_args, %d}," % (fn["method"], len(fn["args"])))
    out.append("};")
    out.append("inline constexpr int kFunctionCount = %d;" % len(meta["functions"]))
    out.append("")
    out.append("}  // namespace eci::addin::meta")
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------------------------
# Markdown

def md_escape(s):
    return s.replace("|", "\\|")


def signature(meta, fn):
    parts = []
    for a in fn["args"]:
        p = param(meta, a)
        parts.append("[%s]" % p if meta["arguments"][a].get("optional") else p)
    return "%s(%s)" % (fn["name"], "; ".join(parts))


def gen_md(meta):
    svc = qualified(meta, meta["service"])
    out = []
    out.append("<!-- GENERATED by tools/gen_addin.py from addin/fonctions.json. Do not edit: edit the JSON. -->")
    out.append("")
    out.append("# Fonctions Calc ECI / ECI Calc functions")
    out.append("")
    out.append("Les noms des fonctions sont les mêmes dans toutes les langues de l'interface ; l'assistant "
               "Fonctions les range dans la catégorie « Add-in ». Séparateur d'arguments : `;`. "
               "Les fichiers (.ods, .xlsx) enregistrent le nom programmatique "
               "`%s.<méthode>` en majuscules (ex. `%s.%s`)."
               % (svc.upper(), svc.upper(), meta["functions"][0]["method"].upper()))
    out.append("")
    out.append("Function names are the same in every UI language; the Function Wizard lists them in the "
               "\"Add-in\" category. Argument separator: `;`. Files store the programmatic name, upper-cased.")
    out.append("")
    out.append("| fonction | résultat | méthode UNO (nom programmatique) |")
    out.append("|---|---|---|")
    for fn in meta["functions"]:
        out.append("| `%s` | %s | `%s.%s` |" % (signature(meta, fn), RET_KIND_MD["fr"][fn["returns"]],
                                               svc, fn["method"]))
    out.append("")
    out.append("`[argument]` : facultatif (peut être omis ou laissé vide) / optional (may be omitted or left blank).")
    out.append("")
    for fn in meta["functions"]:
        out.append("## %s" % fn["name"])
        out.append("")
        out.append("`%s` → %s / %s" % (signature(meta, fn), RET_KIND_MD["fr"][fn["returns"]],
                                        RET_KIND_MD["en"][fn["returns"]]))
        out.append("")
        out.append(fn["description"]["fr"])
        out.append("")
        out.append("*%s*" % fn["description"]["en"])
        out.append("")
        out.append("| argument | type | description (fr) | description (en) |")
        out.append("|---|---|---|---|")
        for a in fn["args"]:
            spec = meta["arguments"][a]
            kind = spec.get("kind", {}).get("fr") or ARG_KIND_MD["fr"][spec["type"]]
            if spec.get("optional"):
                kind += ", facultatif"
            out.append("| `%s` | %s | %s | %s |" % (param(meta, a), kind, md_escape(spec["description"]["fr"]),
                                                    md_escape(spec["description"]["en"])))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ----------------------------------------------------------------------------------------------

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("json")
    p.add_argument("--idl")
    p.add_argument("--cxx")
    p.add_argument("--md")
    p.add_argument("--check", action="store_true")
    o = p.parse_args()
    meta = load(o.json)
    jobs = [(o.idl, gen_idl), (o.cxx, gen_cxx), (o.md, gen_md)]
    status = 0
    for path, gen in jobs:
        if not path:
            continue
        text = gen(meta)
        if o.check:
            try:
                with open(path, encoding="utf-8") as f:
                    current = f.read()
            except FileNotFoundError:
                current = ""
            if current != text:
                status = 1
                sys.stderr.write("%s is out of date with %s; regenerate it with:\n"
                                 "  cmake --build <build> --target eci_update_generated\n" % (path, o.json))
                sys.stderr.writelines(difflib.unified_diff(current.splitlines(True), text.splitlines(True),
                                                           path, "generated"))
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    return status


if __name__ == "__main__":
    sys.exit(main())

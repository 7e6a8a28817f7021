#!/usr/bin/env python3
"""Generate the Calc add-in artefacts from the single metadata source addin/fonctions.json.

Outputs (each optional):
  --idl FILE       UNO IDL of the functions interface and service (compiled by unoidl-write)
  --cxx FILE       C++ include with the XAddIn tables (names, descriptions, arguments; fr + en)
  --methodes FILE  C++ include with the XFonctions methods: for each function, the conversion of
                   every UNO argument by its kind and blank rule, the call into eci::calc, the
                   conversion of the result, inside the add-in's exception guard
  --mots FILE      C++ header with the accepted words of each argument that has a "mots" list
                   (checked in as core/calc/include/eci/calc/mots.hpp: the core builds without Python)
  --md FILE        the function reference (Markdown), checked in as docs/fonctions.md

  --check          instead of writing, compare with the existing files and fail (exit 1) with a
                   diff when they differ; used by the ctest that keeps idl/XFonctions.idl,
                   core/calc/include/eci/calc/mots.hpp and docs/fonctions.md in sync with the JSON.

The JSON
--------
"functions": one entry per spreadsheet function:
  method, name     the UNO method (file format: never renamed) and the display name;
  returns          double | logical (a truth value, returned as 1 / 0) | string | any (a cell:
                   number, text or blank) | sequence<sequence<any>> (an array);
  appel, entete    the eci::calc function called and the header declaring it;
  diagnostic       true for a function that reports a bad argument as its text result instead of an
                   error value (ECI.VERIFIER, AIDE.VERIFIER);
  description      fr / en; args: the argument keys, in order.
"arguments": described once, by key. The key is also the parameter name (wizard, docs) unless the
argument has a "param" field: two functions may then use the same parameter name with different
types or texts (e.g. typologies_territoire, required in CRITERES.SELECTION and optional in
CRITERES.SENSIBILITE). In the IDL the parameter name is written in lowerCamelCase (montant_ht ->
montantHt). Fields:
  type      the UNO type: double, string, any (optional arguments only: Calc treats every `any`
            as optional), sequence<sequence<any>> (a range, or one required cell);
  nature    what the value is: colonne, plage, contexte, referentiel (ranges); identifiant,
            nombre, texte, mot, ouinon (one value). With type sequence<sequence<any>> a one-value
            nature means one required cell (eci::calc gets a Cellule), a range nature a Plage;
  vide      what a single empty cell means (Calc passes it as the number 0), for optional
            arguments and required cells: "defaut" (0 stands for the empty cell: absent, the
            default; a blank cell for a required one) or "zero" (0 is a value and is kept);
            applied once, by eci::calc::optionnel / eci::calc::cellule (eci/calc/arguments.hpp);
  optional  true for an optional argument (type any);
  mots      the accepted words, {"type": C++ enum, "liste": [{"mot", "valeur" (enum value),
            "aussi" (other accepted spellings, not shown), "sens" (fr / en, shown)}]}: generates
            eci::calc::mots::k<type> (used by eci::calc to read the word and word its error) and
            replaces "{mots}" in the argument's descriptions, so the Wizard and the error messages
            show the same list;
  name, description   fr / en texts of the Function Wizard.

Adding a function
-----------------
1. Write the function in eci::calc on plain values: double, std::string, Cellule (one cell),
   Plage (a range), Optionnel (an optional argument), reading its arguments with
   eci/calc/arguments.hpp and throwing ErreurArgument with a French message. Unit-test it there.
2. Add its entry to "functions" (appel, entete, returns, texts) and its new arguments to
   "arguments" (type, nature, vide, texts). The method, its conversions and the Wizard texts are
   generated; add a case for it to fuzz/uno_fuzz.cpp (it checks that every method is called).

Standard library only (run by CMake's Python3 interpreter).
"""
import argparse
import difflib
import json
import sys
import unicodedata

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
# nature -> True for one value (a Cellule when typed as a range), False for a range (a Plage).
NATURES = {"colonne": False, "plage": False, "contexte": False, "referentiel": False,
           "identifiant": True, "nombre": True, "texte": True, "mot": True, "ouinon": True}
VIDES = {"defaut": "Vide::defaut", "zero": "Vide::zero"}

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
        for field in ("appel", "entete"):
            if not fn.get(field):
                fail("%s: missing %r (the eci::calc function called and its header)" % (m, field))
        if fn.get("diagnostic") and fn["returns"] != "string":
            fail("%s: a diagnostic function returns a string" % m)
    for a, spec in args.items():
        if spec.get("nature") not in NATURES:
            fail("argument %s: nature %r not one of %s" % (a, spec.get("nature"), ", ".join(NATURES)))
        une_cellule = spec["type"] == "sequence<sequence<any>>" and NATURES[spec["nature"]]
        besoin_vide = spec.get("optional", False) or une_cellule
        if besoin_vide and spec.get("vide") not in VIDES:
            fail("argument %s: \"vide\" (what a single empty cell means) must be one of %s"
                 % (a, ", ".join(VIDES)))
        if not besoin_vide and "vide" in spec:
            fail("argument %s: \"vide\" applies only to optional arguments and to one required cell" % a)
        if "mots" in spec:
            lire_mots(a, spec)
        elif any("{mots}" in spec["description"][lang] for lang in LANGS):
            fail("argument %s: {mots} in a description without a \"mots\" list" % a)
    return meta


def plier(mot):
    """The folded form of a word, as eci::texte::plier makes it: lower case, no accent, œ -> oe,
    without spaces, '_' and '-'."""
    mot = mot.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    nfd = unicodedata.normalize("NFD", mot)
    sans = "".join(c for c in nfd if not unicodedata.combining(c))
    out = "".join(c for c in sans.lower() if c not in " _-\u00a0")
    if not out.isascii():
        fail("word %r does not fold to ASCII" % mot)
    return out


def lire_mots(a, spec):
    """Checks an argument's word list; returns (enum type, values in order, [(folded, value)])."""
    m = spec["mots"]
    if not m.get("type", "").isidentifier():
        fail("argument %s: mots.type must be a C++ identifier" % a)
    valeurs, plies, vus = [], [], {}
    for w in m["liste"]:
        v = w["valeur"]
        if not v.isidentifier():
            fail("argument %s: bad value %r" % (a, v))
        if v not in valeurs:
            valeurs.append(v)
        for mot in [w["mot"]] + w.get("aussi", []):
            p = plier(mot)
            if p in vus:
                fail("argument %s: words %r and %r fold to the same %r" % (a, vus[p], mot, p))
            vus[p] = mot
            plies.append((p, v))
    for lang in LANGS:
        if "{mots}" not in spec["description"][lang]:
            fail("argument %s: the %s description must show the words ({mots})" % (a, lang))
    return m["type"], valeurs, plies


def attendu(spec, lang):
    """The accepted words of an argument as a sentence: "a (sens), b ou c"."""
    mots = []
    for w in spec["mots"]["liste"]:
        sens = w.get("sens", {}).get(lang)
        mots.append("%s (%s)" % (w["mot"], sens) if sens else w["mot"])
    et = " ou " if lang == "fr" else " or "
    return mots[0] if len(mots) == 1 else ", ".join(mots[:-1]) + et + mots[-1]


def description(spec, lang):
    """An argument's Wizard / docs description, its word list written in."""
    d = spec["description"][lang]
    return d.replace("{mots}", attendu(spec, lang)) if "mots" in spec else d


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
            out.append("     {%s,\n      %s}}," % (cstr(description(spec, "fr")), cstr(description(spec, "en"))))
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
# Accepted words (core/calc/include/eci/calc/mots.hpp)

def gen_mots(meta):
    out = []
    out.append("// GENERATED by tools/gen_addin.py from addin/fonctions.json (the \"mots\" of each argument).")
    out.append("// Do not edit: edit the JSON and rebuild (the ctest eci_generated_files_up_to_date compares).")
    out.append("//")
    out.append("// The words each argument accepts, folded as eci::texte::plier folds a cell's text, with the")
    out.append("// value each stands for, and `attendu`: the list as the Function Wizard shows it, for the")
    out.append("// error messages. Read with eci::calc::chercherMot (eci/calc/arguments.hpp).")
    out.append("#pragma once")
    out.append("")
    out.append("#include \"eci/calc/arguments.hpp\"")
    out.append("")
    out.append("namespace eci::calc::mots {")
    for a, spec in meta["arguments"].items():
        if "mots" not in spec:
            continue
        t, valeurs, plies = lire_mots(a, spec)
        out.append("")
        out.append("// %s" % param(meta, a))
        out.append("enum class %s { %s };" % (t, ", ".join(valeurs)))
        out.append("inline constexpr Mot<%s> kMots%s[] = {" % (t, t))
        for p, v in plies:
            out.append("    {%s, %s::%s}," % (cstr(p), t, v))
        out.append("};")
        out.append("inline constexpr ListeMots<%s> k%s{%s, kMots%s, %d,\n    %s};"
                   % (t, t, cstr(param(meta, a)), t, len(plies), cstr(attendu(spec, "fr"))))
    out.append("")
    out.append("}  // namespace eci::calc::mots")
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------------------------
# XFonctions methods (addin/src)

CXX_PARAM = {"double": "double", "string": "const ::rtl::OUString&", "any": "const uno::Any&",
             "sequence<sequence<any>>": "const Matrix&"}
CXX_RET = {"double": "double", "logical": "double", "string": "::rtl::OUString", "any": "uno::Any",
           "sequence<sequence<any>>": "Matrix"}


def conversion(meta, a):
    """The C++ expression turning UNO argument `a` into the value eci::calc takes."""
    spec = meta["arguments"][a]
    nom = idl_param(meta, a)
    t = spec["type"]
    if t == "double":
        return nom
    if t == "string":
        return "toUtf8(%s)" % nom
    if t == "any":
        return "toOptional(%s, calc::%s)" % (nom, VIDES[spec["vide"]])
    if NATURES[spec["nature"]]:
        return "toCellule(%s, %s, calc::%s)" % (nom, cstr(param(meta, a)), VIDES[spec["vide"]])
    return "toRange(%s)" % nom


def resultat(fn, appel):
    r = fn["returns"]
    if r == "logical":
        return "(%s) ? 1.0 : 0.0" % appel
    if r == "string":
        return "toOUString(%s)" % appel
    if r == "any":
        return "toVisibleAny(%s)" % appel  # a blank result as "": a void Any would show #N/A
    if r == "sequence<sequence<any>>":
        return "toMatrix(%s)" % appel
    return appel


def gen_methodes(meta):
    out = []
    out.append("// GENERATED by tools/gen_addin.py from addin/fonctions.json. Do not edit: edit the JSON.")
    out.append("//")
    out.append("// The XFonctions methods, one per function: each argument converted by its kind and blank")
    out.append("// rule (conversion.hpp), the call into eci::calc, the result converted, all inside the")
    out.append("// add-in's exception guard `guard` of the base class (addin/src/fonctions_uno.cpp).")
    out.append("#pragma once")
    out.append("")
    out.append("#include <fr/ademe/eci/XFonctions.hpp>")
    out.append("")
    out.append("#include \"conversion.hpp\"")
    for h in sorted({fn["entete"] for fn in meta["functions"]}):
        out.append("#include \"%s\"" % h)
    out.append("")
    out.append("namespace eci::addin {")
    out.append("")
    out.append("// Base: a UNO object implementing XFonctions that provides")
    out.append("// `template <class F> auto guard(const char* function, F&& body)`.")
    out.append("template <class Base>")
    out.append("class MethodesXFonctions : public Base {")
    out.append("public:")
    for fn in meta["functions"]:
        params = ", ".join("%s %s" % (CXX_PARAM[meta["arguments"][a]["type"]], idl_param(meta, a))
                           for a in fn["args"])
        appel = "%s(%s)" % (fn["appel"], ", ".join(conversion(meta, a) for a in fn["args"]))
        corps = "return %s;" % resultat(fn, appel)
        out.append("    // %s" % fn["name"])
        out.append("    %s SAL_CALL %s(%s) override {" % (CXX_RET[fn["returns"]], fn["method"], params))
        out.append("        return this->guard(%s, [&] {" % cstr(fn["name"]))
        if fn.get("diagnostic"):
            out.append("            // A diagnostics function says what is wrong in words, conversions included.")
            out.append("            try {")
            out.append("                %s" % corps)
            out.append("            } catch (const calc::ErreurArgument& e) {")
            out.append("                return toOUString(e.what());")
            out.append("            }")
        else:
            out.append("            %s" % corps)
        out.append("        });")
        out.append("    }")
        out.append("")
    out.append("};")
    out.append("")
    out.append("}  // namespace eci::addin")
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
            out.append("| `%s` | %s | %s | %s |" % (param(meta, a), kind, md_escape(description(spec, "fr")),
                                                    md_escape(description(spec, "en"))))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ----------------------------------------------------------------------------------------------

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("json")
    p.add_argument("--idl")
    p.add_argument("--cxx")
    p.add_argument("--md")
    p.add_argument("--methodes")
    p.add_argument("--mots")
    p.add_argument("--check", action="store_true")
    o = p.parse_args()
    meta = load(o.json)
    jobs = [(o.idl, gen_idl), (o.cxx, gen_cxx), (o.md, gen_md), (o.methodes, gen_methodes), (o.mots, gen_mots)]
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

#!/usr/bin/env python3
"""One multi-platform .oxt from the single-platform packages that each platform's build makes.

    python3 tools/assembler_oxt.py -o eci-calc.oxt linux_x86_64/eci-calc.oxt windows_x86_64/eci-calc.oxt ...

Each input is the eci-calc.oxt of one platform's CMake build (addin/CMakeLists.txt): its library
and component description in a folder named by LibreOffice's platform token (<token>/eci.component,
<token>/libeci.uno.so | eci.uno.dll | libeci.uno.dylib), everything else shared. The output holds
the shared files once (they must be the same in every input: same sources), every platform's
folder, a manifest.xml with one uno-components entry per platform (platform=<token>: LibreOffice
registers only its own) and a description.xml whose <platform value=> lists every token.

Checked, else exit code 1 and a message: each input names exactly one platform; no platform twice;
the same version and the same shared files everywhere, but the workbook templates (modeles/): a
build that can run LibreOffice stores them with their computed values (spreadsheets/figer_valeurs.py;
not a cross build, not Windows or macOS), so a difference there is only reported and the FIRST
input's copy kept: give the Linux x86-64 package first; each library is a binary of its platform's format and processor (ELF / PE /
Mach-O header). README « Construire pour Windows et macOS ».
"""

import argparse
import re
import struct
import sys
import zipfile

MANIFEST = "META-INF/manifest.xml"
DESCRIPTION = "description.xml"
# Component entries of the manifest (platform=<token> in the media type).
RE_COMPOSANT = re.compile(
    r'[ \t]*<manifest:file-entry\s+manifest:full-path="([^"]+)"\s+'
    r'manifest:media-type="application/vnd\.sun\.star\.uno-components;platform=([^"]+)"\s*/>\n?')
RE_PLATEFORME = re.compile(r'<platform value="([^"]*)"\s*/>')
RE_VERSION = re.compile(r'<version value="([^"]*)"\s*/>')
# Shared files that differ between builds (templates with or without their computed values).
TOLERES = ("modeles/",)

# Binary format and processor of each LibreOffice platform token.
FORMATS = {
    "linux_x86_64": ("ELF", "x86_64"), "linux_aarch64": ("ELF", "aarch64"),
    "windows_x86_64": ("PE", "x86_64"), "windows_aarch64": ("PE", "aarch64"),
    "macosx_x86_64": ("Mach-O", "x86_64"), "macosx_aarch64": ("Mach-O", "aarch64"),
}


class Erreur(Exception):
    pass


def nature_binaire(octets):
    """(format, processor) of a shared library from its header, or (None, None)."""
    if octets[:4] == b"\x7fELF" and len(octets) >= 20:
        endian = "<" if octets[5] == 1 else ">"
        machine = struct.unpack(endian + "H", octets[18:20])[0]
        return "ELF", {0x3E: "x86_64", 0xB7: "aarch64"}.get(machine, hex(machine))
    if octets[:2] == b"MZ" and len(octets) >= 0x40:
        pe = struct.unpack("<I", octets[0x3C:0x40])[0]
        if octets[pe:pe + 4] == b"PE\0\0":
            machine = struct.unpack("<H", octets[pe + 4:pe + 6])[0]
            return "PE", {0x8664: "x86_64", 0xAA64: "aarch64"}.get(machine, hex(machine))
    if octets[:4] == b"\xcf\xfa\xed\xfe" and len(octets) >= 8:  # 64-bit Mach-O, little endian
        cpu = struct.unpack("<I", octets[4:8])[0]
        return "Mach-O", {0x01000007: "x86_64", 0x0100000C: "aarch64"}.get(cpu, hex(cpu))
    return None, None


class Paquet:
    """One platform's .oxt: its token, its folder's files and the shared files."""

    def __init__(self, chemin):
        self.chemin = chemin
        with zipfile.ZipFile(chemin) as z:
            self.fichiers = {n: z.read(n) for n in z.namelist() if not n.endswith("/")}
        for requis in (MANIFEST, DESCRIPTION):
            if requis not in self.fichiers:
                raise Erreur(f"{chemin}: no {requis}")
        self.manifest = self.fichiers[MANIFEST].decode("utf-8")
        self.description = self.fichiers[DESCRIPTION].decode("utf-8")
        composants = RE_COMPOSANT.findall(self.manifest)
        if len(composants) != 1:
            raise Erreur(f"{chemin}: {len(composants)} uno-components entries in the manifest, expected 1 "
                         "(a package of one platform)")
        self.composant, self.plateforme = composants[0]
        if self.plateforme not in FORMATS:
            raise Erreur(f"{chemin}: unknown platform token « {self.plateforme} » ({', '.join(FORMATS)})")
        if self.composant.split("/")[0] != self.plateforme:
            raise Erreur(f"{chemin}: component {self.composant} is not in the folder {self.plateforme}/")
        version = RE_VERSION.search(self.description)
        self.version = version.group(1) if version else None
        self.dossier = self.plateforme + "/"
        self.propres = {n: b for n, b in self.fichiers.items() if n.startswith(self.dossier)}
        self.communs = {n: b for n, b in self.fichiers.items()
                        if not n.startswith(self.dossier) and n not in (MANIFEST, DESCRIPTION)}

    def verifier_bibliotheque(self):
        """Name of the platform's library, after checking its binary format and processor."""
        attendu = FORMATS[self.plateforme]
        bibliotheques = [n for n in self.propres if n != self.composant]
        if len(bibliotheques) != 1:
            raise Erreur(f"{self.chemin}: {len(bibliotheques)} files besides eci.component in {self.dossier}, "
                         "expected the library alone")
        nature = nature_binaire(self.propres[bibliotheques[0]][:4096])
        if nature != attendu:
            raise Erreur(f"{self.chemin}: {bibliotheques[0]} is {nature[0] or 'not a library'} {nature[1] or ''}, "
                         f"expected {attendu[0]} {attendu[1]} for {self.plateforme}")
        return bibliotheques[0]


def assembler(entrees, sortie):
    paquets = [Paquet(p) for p in entrees]
    base = paquets[0]
    vus = {}
    for p in paquets:
        if p.plateforme in vus:
            raise Erreur(f"platform {p.plateforme} twice: {vus[p.plateforme]} and {p.chemin}")
        vus[p.plateforme] = p.chemin
        if p.version != base.version:
            raise Erreur(f"{p.chemin}: version {p.version}, {base.chemin}: {base.version}")
        autres = set(p.communs) ^ set(base.communs)
        if autres:
            raise Erreur(f"{p.chemin} and {base.chemin} do not hold the same shared files: {sorted(autres)}")
        for nom, contenu in p.communs.items():
            if contenu != base.communs[nom]:
                if nom.startswith(TOLERES):
                    print(f"assembler_oxt: {nom} differs between {base.chemin} and {p.chemin}: "
                          f"the first one is kept", file=sys.stderr)
                else:
                    raise Erreur(f"{nom} differs between {base.chemin} and {p.chemin} (built from other sources?)")
    bibliotheques = {p.plateforme: p.verifier_bibliotheque() for p in paquets}

    # manifest.xml: the base's, with one component entry per platform where the base had its own.
    entree = RE_COMPOSANT.search(base.manifest)
    modele = entree.group(0)
    lignes = "".join(modele.replace(base.composant, p.composant).replace(
        "platform=" + base.plateforme, "platform=" + p.plateforme) for p in paquets)
    manifest = base.manifest[:entree.start()] + lignes + base.manifest[entree.end():]
    plateformes = ",".join(p.plateforme for p in paquets)
    description, n = RE_PLATEFORME.subn(f'<platform value="{plateformes}"/>', base.description)
    if n != 1:
        raise Erreur(f"{base.chemin}: {n} <platform> elements in description.xml, expected 1")

    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(MANIFEST, manifest)
        z.writestr(DESCRIPTION, description)
        for nom in base.fichiers:  # the base's order, then the other platforms' folders
            if nom in base.communs or nom in base.propres:
                z.writestr(nom, base.fichiers[nom])
        for p in paquets[1:]:
            for nom, contenu in p.propres.items():
                z.writestr(nom, contenu)
    for p in paquets:
        print(f"assembler_oxt: {p.plateforme:15} {p.dossier}{bibliotheques[p.plateforme].split('/')[-1]}"
              f" ({len(p.propres[bibliotheques[p.plateforme]])} bytes) from {p.chemin}")
    print(f"assembler_oxt: {sortie}: {len(paquets)} platforms ({plateformes})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--sortie", required=True, help="the multi-platform .oxt to write")
    ap.add_argument("paquets", nargs="+", help="the .oxt of each platform (the first gives the shared files)")
    a = ap.parse_args()
    try:
        assembler(a.paquets, a.sortie)
    except (Erreur, zipfile.BadZipFile, OSError) as e:
        print(f"assembler_oxt: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

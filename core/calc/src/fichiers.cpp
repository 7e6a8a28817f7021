// File names the commands open (see eci/calc/fichiers.hpp).
#include "eci/calc/fichiers.hpp"

#include <array>
#include <cctype>

namespace eci::calc::fichiers {

namespace {

bool egalSansCasse(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

bool commencePar(std::string_view s, std::string_view prefixe) {
    return s.size() >= prefixe.size() && egalSansCasse(s.substr(0, prefixe.size()), prefixe);
}

// A path component Windows maps to a device: its name before the first dot (or colon), trailing
// spaces removed, is a reserved name. Superscript digits are UTF-8 (¹ C2 B9, ² C2 B2, ³ C2 B3).
bool estNomDePeripherique(std::string_view composant) {
    std::string_view nom = composant.substr(0, composant.find_first_of(".:"));
    while (!nom.empty() && nom.back() == ' ') nom.remove_suffix(1);
    static constexpr std::array<std::string_view, 7> kNoms = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"};
    for (std::string_view n : kNoms)
        if (egalSansCasse(nom, n)) return true;
    if (nom.size() < 4 || !(commencePar(nom, "COM") || commencePar(nom, "LPT"))) return false;
    std::string_view numero = nom.substr(3);
    if (numero.size() == 1) return numero[0] >= '0' && numero[0] <= '9';
    return numero == "\xC2\xB9" || numero == "\xC2\xB2" || numero == "\xC2\xB3";
}

}  // namespace

std::string raisonCheminWindows(std::string_view chemin) {
    std::string_view reste = chemin;
    // The device namespace of Win32 and the object paths of NT.
    if (commencePar(reste, "\\\\.\\") || commencePar(reste, "//./") || commencePar(reste, "\\??\\"))
        return "chemin de périphérique Windows (\\\\.\\…), pas un fichier";
    bool partage = false;  // \\hote\partage\...
    if (commencePar(reste, "\\\\?\\")) {  // a long path: \\?\C:\... or \\?\UNC\hote\partage\...
        reste.remove_prefix(4);
        if (commencePar(reste, "UNC\\")) {
            reste.remove_prefix(4);
            partage = true;
        } else if (!(reste.size() >= 3 && std::isalpha(static_cast<unsigned char>(reste[0])) && reste[1] == ':' &&
                     reste[2] == '\\')) {
            return "chemin de périphérique Windows (\\\\?\\…), pas un fichier";
        }
    } else if (commencePar(reste, "\\\\") || commencePar(reste, "//")) {
        reste.remove_prefix(2);
        partage = true;
    }
    if (partage) {  // a host's named pipes and mailslots look like shares
        const std::size_t hote = reste.find_first_of("\\/");
        if (hote != std::string_view::npos) {
            std::string_view nom = reste.substr(hote + 1);
            nom = nom.substr(0, nom.find_first_of("\\/"));
            if (egalSansCasse(nom, "pipe") || egalSansCasse(nom, "mailslot"))
                return "tube nommé ou boîte aux lettres de Windows (\\\\…\\" + std::string(nom) + "\\…), pas un fichier";
        }
    }
    for (std::size_t debut = 0;;) {
        const std::size_t fin = reste.find_first_of("\\/", debut);
        const std::string_view composant = reste.substr(debut, fin == std::string_view::npos ? fin : fin - debut);
        if (!composant.empty() && estNomDePeripherique(composant))
            return "« " + std::string(composant) +
                   " » est un nom réservé de Windows (périphérique CON, NUL, COM1…), pas un fichier";
        if (fin == std::string_view::npos) return std::string();
        debut = fin + 1;
    }
}

bool estFichierDeVerrou(std::string_view nom) {
    return nom.rfind(".~lock", 0) == 0 || nom.rfind("~$", 0) == 0;
}

}  // namespace eci::calc::fichiers

/* Loads a component library the way LibreOffice's shared-library loader does (dlopen, every
 * symbol bound now) and finds its entry point. Cross-compiled for arm64 by scripts/plateformes.sh
 * and run under qemu-aarch64 against the arm64 UNO libraries of the sysroot: it proves that the
 * arm64 libeci.uno.so links to LibreOffice's real arm64 libraries, with no missing symbol.
 *
 *   charger_composant LIBRARY     -> exit code 0 and « charger_composant: OK » */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s LIBRARY\n", argv[0]);
        return 2;
    }
    void* bibliotheque = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!bibliotheque) {
        fprintf(stderr, "charger_composant: %s\n", dlerror());
        return 1;
    }
    if (!dlsym(bibliotheque, "component_getFactory")) {
        fprintf(stderr, "charger_composant: no component_getFactory in %s\n", argv[1]);
        return 1;
    }
    printf("charger_composant: OK (%s loaded, component_getFactory found)\n", argv[1]);
    return 0;
}

"""LibreOffice Calc in a real window (Xvfb, not --headless), driven as a user would.

The harness of tests/fenetre/ and scripts/captures.sh (see tests/fenetre/README.md):
  - starts Xvfb on a free display and soffice with its user interface on a copy of a profile where
    the .oxt is installed (tests/calc/make_profile.sh), in French or English UI;
  - reaches the windows through UNO (python3-uno of the same LibreOffice: run this with the
    LibreOffice's own Python), the accessibility tree of the top windows (XAccessible of the
    toolkit's top windows) and the keyboard (xdotool);
  - takes screenshots of the window (ImageMagick `import`).
Everything is time-bounded: each wait has a deadline and the whole run an alarm.

Configuration (environment): SOFFICE (default: soffice), ECI_PROFILE_TEMPLATE (profile with the
extension installed), ECI_FENETRE_TIMEOUT (seconds for the whole run, default 300),
ECI_FENETRE_GARDER=1 keeps the temporary directory (profile copy, soffice.log).
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import uno  # noqa: F401  (python3-uno of the LibreOffice under test)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

# Accessible roles by number (com.sun.star.accessibility.AccessibleRole), for the ones used here.
ROLES = ("ALERT", "DIALOG", "FRAME", "LABEL", "LIST", "LIST_ITEM", "MENU", "MENU_BAR", "MENU_ITEM", "PANEL",
         "PARAGRAPH", "PUSH_BUTTON", "ROOT_PANE", "SEPARATOR", "STATIC", "TEXT", "TOOL_BAR", "TREE", "TREE_ITEM",
         "TREE_TABLE", "COMBO_BOX", "PAGE_TAB", "PAGE_TAB_LIST", "SCROLL_PANE", "WINDOW", "TABLE", "TABLE_CELL",
         "FILLER", "CHECK_BOX", "TOGGLE_BUTTON", "SPIN_BOX", "EDIT_BAR", "DOCUMENT_SPREADSHEET", "BUTTON_MENU",
         "BUTTON_DROPDOWN")
ACCESSIBLE_ROLE = {uno.getConstantByName("com.sun.star.accessibility.AccessibleRole." + n): n for n in ROLES}

PROTOCOLE = "fr.ademe.eci.commandes:"
# The processes started here (ended by limiter() when the run overruns).
_PROCESSUS = []
BARRE = "private:resource/toolbar/addon_fr.ademe.eci.barre"


def actif(ctx):
    """Whether an accessible object is enabled (state set: an object up to LibreOffice 7.4, an
    int64 of bits since 7.5)."""
    etats = ctx.getAccessibleStateSet()
    enabled = uno.getConstantByName("com.sun.star.accessibility.AccessibleStateType.ENABLED")
    if isinstance(etats, int):
        return bool(etats & enabled)
    return etats.contains(enabled)


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def attendre(condition, delai, quoi, pas=0.2):
    """Polls condition() until it returns something true, at most delai seconds."""
    fin = time.monotonic() + delai
    while True:
        r = condition()
        if r:
            return r
        if time.monotonic() > fin:
            raise TimeoutError("délai dépassé (%g s) : %s" % (delai, quoi))
        time.sleep(pas)


def _registre_langue(langue):
    return (
        '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">'
        "<value>%s</value></prop></item>\n"
        '<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="UILocale" oor:op="fuse">'
        "<value>%s</value></prop></item>\n"
        '<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse">'
        "<value>99.0</value></prop></item>\n"
        '<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="ShowTipOfTheDay" oor:op="fuse">'
        "<value>false</value></prop></item>\n"
        '<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse">'
        "<value>false</value></prop></item>\n"
        '<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseSystemFileDialog" oor:op="fuse">'
        "<value>false</value></prop></item>\n" % (langue, langue)
    )


class Fenetre:
    """One soffice with its UI on a private Xvfb display and a private copy of the profile."""

    def __init__(self, langue="fr", largeur=1280, hauteur=860):
        self.langue = langue
        self.soffice = os.environ.get("SOFFICE", "soffice")
        modele = os.environ.get("ECI_PROFILE_TEMPLATE")
        if not modele or not os.path.isdir(modele):
            raise SystemExit("ECI_PROFILE_TEMPLATE : profil LibreOffice avec l'extension introuvable (%r)" % modele)
        self.dossier = tempfile.mkdtemp(prefix="eci-fenetre-")
        self.profil = os.path.join(self.dossier, "profil")
        shutil.copytree(modele, self.profil, symlinks=True)
        reg = os.path.join(self.profil, "user", "registrymodifications.xcu")
        with open(reg, encoding="utf-8") as f:
            texte = f.read()
        texte = texte.replace("</oor:items>", _registre_langue(langue) + "</oor:items>")
        with open(reg, "w", encoding="utf-8") as f:
            f.write(texte)
        self.largeur, self.hauteur = largeur, hauteur
        self.xvfb = None
        self.office = None
        self.ctx = None
        try:
            self._demarrer()
        except BaseException:
            self.fermer()
            raise

    # ---- processes ------------------------------------------------------------------------------
    def _demarrer(self):
        programme = os.path.dirname(os.path.realpath(shutil.which(self.soffice) or self.soffice))
        if not any(n.startswith("libvclplug_") for n in os.listdir(programme)):
            raise SystemExit("LibreOffice sans interface graphique dans %s (paquets -nogui) : installer "
                             "libreoffice-calc (bash scripts/setup.sh)" % programme)
        r, w = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(w), "-screen", "0", "%dx%dx24" % (self.largeur, self.hauteur),
             "-nolisten", "tcp", "-noreset"],
            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _PROCESSUS.append(self.xvfb)
        os.close(w)
        with os.fdopen(r) as f:
            numero = f.readline().strip()
        if not numero:
            raise RuntimeError("Xvfb n'a pas démarré")
        self.display = ":" + numero
        self.env = dict(os.environ, DISPLAY=self.display, SAL_USE_VCLPLUGIN="gen", HOME=self.profil,
                        LANGUAGE=self.langue, LC_ALL="C.UTF-8")
        self.env.pop("URE_BOOTSTRAP", None)
        self.env.pop("SESSION_MANAGER", None)
        self.tube = "eci_fenetre_%d" % os.getpid()
        self.journal = open(os.path.join(self.dossier, "soffice.log"), "w")
        self.office = subprocess.Popen(
            [self.soffice, "--norestore", "--nologo", "--nolockcheck", "--nodefault",
             "-env:UserInstallation=file://" + self.profil,
             "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % self.tube],
            env=self.env, stdout=self.journal, stderr=subprocess.STDOUT, start_new_session=True)
        _PROCESSUS.append(self.office)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)

        def connecter():
            try:
                return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % self.tube)
            except NoConnectException:
                if self.office.poll() is not None:
                    raise RuntimeError("soffice s'est arrêté (code %s)" % self.office.returncode)
                return None

        self.ctx = attendre(connecter, 90, "connexion à soffice")
        self.smgr = self.ctx.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
        self.toolkit = self.smgr.createInstanceWithContext("com.sun.star.awt.Toolkit", self.ctx)
        self.transformer = self.smgr.createInstanceWithContext("com.sun.star.util.URLTransformer", self.ctx)

    def fermer(self):
        if self.office and self.office.poll() is not None:
            # soffice ended before the test closed it (a crash: « Binary URP bridge disposed » in the
            # test): the end of its log goes to the test's output, which CI keeps.
            self.journal.flush()
            with open(self.journal.name, encoding="utf-8", errors="replace") as j:
                fin = j.read()[-4000:]
            sys.stderr.write("fenetre: soffice s'est arrêté seul (code %s) ; fin de soffice.log :\n%s\n"
                             % (self.office.returncode, fin))
        if self.office and self.office.poll() is None:
            try:
                # A document a failed test left modified would make terminate() ask « Enregistrer le
                # document ? » and wait for an answer until the run's alarm: discarded first.
                documents = self.desktop.getComponents().createEnumeration()
                while documents.hasMoreElements():
                    document = documents.nextElement()
                    if hasattr(document, "setModified"):
                        document.setModified(False)
            except Exception:
                pass
            # terminate() is a call into soffice: if soffice is stuck (a dialog a failed test left
            # open, a command still running) it does not return; it gets 15 s in a thread of its
            # own, then soffice is killed below (seen once in CI: the run waited for ctest's limit).
            def terminer():
                try:
                    self.desktop.terminate()  # (AttributeError when the start failed: killed below)
                except Exception:
                    pass

            fil = threading.Thread(target=terminer, daemon=True)
            fil.start()
            fil.join(15)
            try:
                self.office.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.office.pid, signal.SIGKILL)
                self.office.wait(10)
        if self.xvfb and self.xvfb.poll() is None:
            self.xvfb.terminate()
            try:
                self.xvfb.wait(10)
            except subprocess.TimeoutExpired:
                self.xvfb.kill()
        if getattr(self, "journal", None):
            self.journal.close()
        if not os.environ.get("ECI_FENETRE_GARDER"):
            shutil.rmtree(self.dossier, ignore_errors=True)

    # ---- documents and frames -------------------------------------------------------------------
    def ouvrir(self, url="private:factory/scalc", **args):
        """Opens a document in a visible window filling the screen; returns (model, frame)."""
        props = tuple(prop(k, v) for k, v in args.items())
        doc = self.desktop.loadComponentFromURL(url, "_blank", 0, props)
        cadre = doc.getCurrentController().getFrame()
        self.plein_ecran(cadre)
        return doc, cadre

    def plein_ecran(self, cadre):
        cadre.getContainerWindow().setPosSize(0, 0, self.largeur, self.hauteur, 15)
        self.attendre_repos()

    def attendre_repos(self, secondes=0.5):
        """Lets the main loop process pending events (layout, paint)."""
        try:
            self.toolkit.processEventsToIdle()
        except Exception:
            pass
        time.sleep(secondes)

    def cadres(self):
        fr = self.desktop.getFrames()
        return [fr.getByIndex(i) for i in range(fr.getCount())]

    def url(self, texte):
        u = uno.createUnoStruct("com.sun.star.util.URL")
        u.Complete = texte
        _, u = self.transformer.parseStrict(u)
        return u

    def lancer(self, cadre, commande):
        """Dispatches a command URL through the frame as its menu entry does, without waiting
        (XDispatch.dispatch is oneway): a modal dialog it opens does not block the test."""
        u = self.url(commande)
        d = cadre.queryDispatch(u, "", 0)
        if d is None:
            raise AssertionError("aucun gestionnaire pour %s" % commande)
        d.dispatch(u, ())
        return d

    # ---- top windows and accessibility ---------------------------------------------------------
    def fenetres(self):
        """The visible top windows: [(title, XWindow)]."""
        out = []
        for i in range(self.toolkit.getTopWindowCount()):
            w = self.toolkit.getTopWindow(i)
            try:
                if hasattr(w, "isVisible") and not w.isVisible():
                    continue
                ctx = w.getAccessibleContext()
                out.append((ctx.getAccessibleName(), w))
            except Exception:
                continue
        return out

    def attendre_fenetre(self, predicat, delai, quoi):
        def trouve():
            for titre, w in self.fenetres():
                if predicat(titre):
                    return titre, w
            return None

        return attendre(trouve, delai, quoi)

    def attendre_disparition(self, predicat, delai, quoi):
        attendre(lambda: not any(predicat(t) for t, _ in self.fenetres()), delai, quoi)

    @staticmethod
    def arbre(acc, profondeur=0, maxi=12):
        """Yields (depth, role name, name, description, context) over an accessibility tree."""
        try:
            ctx = acc.getAccessibleContext()
        except Exception:
            return
        if ctx is None:
            return
        yield (profondeur, ACCESSIBLE_ROLE.get(ctx.getAccessibleRole(), str(ctx.getAccessibleRole())),
               ctx.getAccessibleName(), ctx.getAccessibleDescription(), ctx)
        if profondeur >= maxi:
            return
        try:
            n = min(ctx.getAccessibleChildCount(), 2000)
        except Exception:
            return
        for i in range(n):
            try:
                enfant = ctx.getAccessibleChild(i)
            except Exception:
                continue
            if enfant is not None:
                yield from Fenetre.arbre(enfant, profondeur + 1, maxi)

    def textes(self, fenetre):
        """Every name and description in a window's accessibility tree, and the texts of its text fields."""
        out = []
        for _, role, nom, desc, ctx in self.arbre(fenetre):
            out.extend(t for t in (nom, desc) if t)
            if role in ("LABEL", "TEXT", "PARAGRAPH", "STATIC") and hasattr(ctx, "getText"):
                try:
                    t = ctx.getText()
                    if t:
                        out.append(t)
                except Exception:
                    pass
        return out

    # ---- keyboard and screen ------------------------------------------------------------------------
    def focaliser(self, titre):
        """Gives the keyboard focus to the X window titled titre (there is no window manager)."""
        r = subprocess.run(["xdotool", "search", "--name", "^%s$" % re.escape(titre)], env=self.env,
                           capture_output=True, text=True, timeout=20)
        ids = r.stdout.split()
        if not ids:
            raise AssertionError("fenêtre X introuvable : %r" % titre)
        subprocess.run(["xdotool", "windowfocus", "--sync", ids[-1]], env=self.env, check=True, timeout=20)

    def touches(self, *touches, fenetre=None):
        """Presses keys (xdotool names) in the window titled fenetre (default: the focused one)."""
        if fenetre:
            self.focaliser(fenetre)
        subprocess.run(["xdotool", "key", "--delay", "80"] + list(touches), env=self.env, check=True, timeout=20)
        self.attendre_repos(0.3)

    def taper(self, texte, fenetre=None):
        if fenetre:
            self.focaliser(fenetre)
        subprocess.run(["xdotool", "type", "--delay", "30", texte], env=self.env, check=True, timeout=60)
        self.attendre_repos(0.3)

    @staticmethod
    def rectangle(ctx):
        """(x, y, width, height) on screen of an accessible context (XAccessibleComponent)."""
        p = ctx.getLocationOnScreen()
        t = ctx.getSize()
        return p.X, p.Y, t.Width, t.Height

    def cliquer(self, ctx, fois=1):
        """Clicks (fois times) in the middle of an accessible object, as a user with the mouse."""
        x, y, w, h = self.rectangle(ctx)
        subprocess.run(["xdotool", "mousemove", "--sync", str(x + w // 2), str(y + h // 2), "click",
                        "--repeat", str(fois), "--delay", "120", "1"], env=self.env, check=True, timeout=20)
        self.attendre_repos(0.4)

    def capture(self, chemin, rect=None):
        """Screenshot of the display (or of rect = (x, y, w, h)) to chemin (PNG)."""
        cmd = ["import", "-window", "root"]
        if rect:
            x, y, w, h = rect
            cmd += ["-crop", "%dx%d+%d+%d" % (w, h, x, y), "+repage"]
        subprocess.run(cmd + [chemin], env=self.env, check=True, timeout=60)


# ---- the accessible tree: what the tests and the screenshots look for ----------------------------

def normalise(texte):
    return " ".join(texte.replace("\xa0", " ").split())


def enfants(ctx):
    return [ctx.getAccessibleChild(i).getAccessibleContext() for i in range(ctx.getAccessibleChildCount())]


def libelle(nom):
    """An accessible name as a label shows it, without its colon: LibreOffice 25.2 names a field
    after its label (« Rechercher\xa0: »), 7.4 without the colon (« Rechercher »)."""
    return normalise(nom).rstrip(":").rstrip()


def trouver(racine, role, nom=None, maxi=16):
    """The first accessible of the role (or one of the roles, a tuple) named nom (as libelle)."""
    roles = role if isinstance(role, tuple) else (role,)
    for _, r, n, _, ctx in Fenetre.arbre(racine, maxi=maxi):
        if r in roles and (nom is None or libelle(n) == nom):
            return ctx
    return None


def elements_liste(liste):
    """{name: accessible} of the entries of a list, at any depth: the Function Wizard of 7.4 shows a
    flat list (LIST of LIST_ITEM), that of 25.2 a tree (TREE: a TREE_ITEM per category, its
    functions below it)."""
    return {n: ctx for _, r, n, _, ctx in Fenetre.arbre(liste, maxi=3)
            if r in ("LIST_ITEM", "TREE_ITEM") and n}


def limiter(secondes=None):
    """Ends the whole run (with an error) after ECI_FENETRE_TIMEOUT seconds."""
    s = int(secondes or os.environ.get("ECI_FENETRE_TIMEOUT", "300"))

    def fin(*_):
        sys.stderr.write("fenetre: délai global de %d s dépassé\n" % s)
        for p in reversed(_PROCESSUS):
            if p.poll() is None:
                try:
                    if p.args[0] == "Xvfb":
                        p.kill()
                    else:
                        os.killpg(p.pid, signal.SIGKILL)  # soffice runs in its own session
                except OSError:
                    pass
        os._exit(3)

    signal.signal(signal.SIGALRM, fin)
    signal.alarm(s)

"""Translations through Qt's standard machinery.

Source strings are English and marked with ``translate("Context", "text")`` so that
``pyside6-lupdate`` collects them into ``resources/i18n/fieldbook_zh_CN.ts``; placeholders are filled
*after* translation (``translate("Ctx", "Hello {name}", name=...)``). Simplified Chinese is the default.
Only QtCore is used here, so the layers below ``app/ui`` never import Qt widgets.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

from app.paths import RESOURCES

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
I18N_DIR = RESOURCES / "i18n"

_translator: Any = None
_current = "en"


def translate(context: str, text: str, **params: object) -> str:
    """Translate ``text`` in ``context`` and then fill ``{placeholders}``."""
    from PySide6.QtCore import QCoreApplication

    result: str = QCoreApplication.translate(context, text)
    return result.format(**params) if params else result


def translate_in(language: str, context: str, text: str, **params: object) -> str:
    """Like :func:`translate`, but into ``language`` whatever the interface language: ledgers and papers exchanged
    between offices stay Chinese in an English window. The interface's translator is not touched."""
    result = str(_catalogue(language).translate(context, text)) or text
    return result.format(**params) if params else result


@functools.cache
def _catalogue(language: str) -> Any:
    """A translator holding ``language``'s catalogue, loaded once and never installed (empty for English)."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    qm = ensure_compiled(language) if language in LANGUAGES and language != "en" else None
    if qm is not None and not translator.load(str(qm)):
        log.warning("translation catalogue for %s not loaded", language)
    return translator


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark a string for translation where it is defined; ``translate(context, text)`` where it is shown."""
    return text


noop = QT_TRANSLATE_NOOP


def current_language() -> str:
    return _current


def qm_path(language: str) -> Path:
    return I18N_DIR / f"fieldbook_{language}.qm"


def lrelease_binary() -> Path:
    import PySide6

    name = "lrelease.exe" if (Path(PySide6.__file__).parent / "lrelease.exe").exists() else "lrelease"
    return Path(PySide6.__file__).parent / name


def ensure_compiled(language: str) -> Path | None:
    """Return the compiled catalogue, compiling the .ts with Qt's lrelease when it is missing or stale.

    Release builds ship the .qm; a source checkout compiles it on first use.
    """
    qm = qm_path(language)
    ts = I18N_DIR / f"fieldbook_{language}.ts"
    if ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
        import subprocess

        try:
            subprocess.run([str(lrelease_binary()), "-silent", str(ts), "-qm", str(qm)],
                           check=True, capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("could not compile translations: %s", exc)
    return qm if qm.exists() else None


def install(language: str | None) -> str:
    """Install the translator for ``language`` into the running Qt application (creating a core one if needed)."""
    global _translator, _current
    from PySide6.QtCore import QCoreApplication, QTranslator

    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    app = QCoreApplication.instance()
    if app is None:
        app = QCoreApplication([])
        QCoreApplication.setApplicationName("Fieldbook")
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None
    _current = "en"
    if language != "en":
        qm = ensure_compiled(language)
        translator = QTranslator(app)
        if qm is not None and translator.load(str(qm)):
            QCoreApplication.installTranslator(translator)
            _translator = translator
            _current = language
        else:
            log.warning("translation catalogue for %s not found", language)
    return _current

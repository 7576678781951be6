"""Every text of the pages has an English translation, and the compiled catalogue is up to date."""
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "app" / "translations"
METHODS = [("app/web/**.py", "python"), ("app/portal/**.py", "python"), ("app/exchange/pages.py", "python"),
           ("app/themes/**.py", "python"), ("app/templates/**.html", "jinja2"),
           ("app/templates/**.svg", "jinja2")]


def _source_messages() -> set[str]:
    keywords = {"_": None, "gettext": None, "_l": None, "ngettext": (1, 2)}
    found = extract_from_dir(str(ROOT), METHODS, keywords=keywords)
    return {message if isinstance(message, str) else message[0] for _file, _line, message, _c, _ctx in found
            if not str(_file).startswith((".venv", "tests"))}


def test_every_page_text_has_an_english_translation():
    with open(TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    translated = {m.id for m in catalog if m.id and m.string}
    untranslated = sorted(_source_messages() - translated)
    assert not untranslated, ("run the pybabel commands in app/translations/babel.cfg and translate: "
                              f"{untranslated}")


def test_the_compiled_catalogue_matches_the_po_file():
    with open(TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        po = {m.id: m.string for m in read_po(handle) if m.id}
    with open(TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.mo", "rb") as handle:
        mo = {m.id: m.string for m in read_mo(handle) if m.id}
    assert po == mo, "pybabel compile -d app/translations"

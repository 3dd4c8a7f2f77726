"""Every interface string is translated: the committed catalogs, and the code against them."""

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "intercambio"
PLURAL_FORMS = {
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
}

# `%(name)s`, `%s`, `%d`, `%%`… in python-format entries; only the named form elsewhere, where a
# bare "%" may be plain text. `{...}` everywhere.
PERCENT = re.compile(
    r"%%|%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGcou]"
)
NAMED = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]")
BRACE = re.compile(r"\{[^{}]*\}")


def placeholders(entry: polib.POEntry, text: str) -> Counter:
    pattern = PERCENT if "python-format" in entry.flags else NAMED
    return Counter(pattern.findall(text)) + Counter(BRACE.findall(text))


def label(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt} | {entry.msgid!r}" if entry.msgctxt else repr(entry.msgid)


def catalog_problems(po: polib.POFile) -> list[str]:
    problems = []
    for entry in po:
        if entry.obsolete:
            problems.append(f"obsolete: {label(entry)}")
            continue
        if entry.fuzzy:  # msgmerge's guess from a similar string, or a translator's doubt
            problems.append(f"fuzzy: {label(entry)}")
            continue
        if not entry.translated():
            problems.append(f"untranslated: {label(entry)}")
            continue
        if entry.msgid_plural:
            # A plural form may follow either the singular or the plural msgid (pt_BR's
            # form 0 also serves n=0, so it usually carries the number like the plural).
            allowed = [placeholders(entry, entry.msgid), placeholders(entry, entry.msgid_plural)]
            for index, text in sorted(entry.msgstr_plural.items()):
                if placeholders(entry, text) not in allowed:
                    problems.append(f"placeholders differ in msgstr[{index}]: {label(entry)}")
        elif placeholders(entry, entry.msgstr) != placeholders(entry, entry.msgid):
            problems.append(f"placeholders differ: {label(entry)}")
    return problems


def po_path(root: Path, language: str) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("language", PLURAL_FORMS)
def test_committed_catalog_is_complete(language):
    path = po_path(PACKAGE, language)
    assert path.exists(), f"{path} is missing: run `make messages`"
    po = polib.pofile(str(path))
    assert len(po) > 0
    assert not po.metadata_is_fuzzy, "the header is still marked fuzzy"
    assert po.metadata.get("Language") == language
    assert po.metadata.get("Plural-Forms") == PLURAL_FORMS[language]
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    problems = catalog_problems(po)
    assert not problems, f"{language}: " + "\n  ".join(["catalog problems:", *problems])


def test_placeholder_check_catches_a_dropped_placeholder():
    entry = polib.POEntry(
        msgid="Edit %(name)s", msgstr="Editar", flags=["python-format"], occurrences=[]
    )
    po = polib.POFile()
    po.append(entry)
    assert catalog_problems(po) == ["placeholders differ: 'Edit %(name)s'"]


def test_every_string_in_the_code_has_a_translation(tmp_path):
    """Re-extract the strings from a copy of the package: nothing new may come out untranslated."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not on PATH: cannot extract the strings")
    copy = tmp_path / "intercambio"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo"))
    committed = {lang: po_path(PACKAGE, lang).read_bytes() for lang in PLURAL_FORMS}
    env = {
        **os.environ,
        # The copy's own settings, so LOCALE_PATHS points into the copy, never at the repo.
        "DJANGO_SETTINGS_MODULE": "intercambio.settings",
        "PYTHONPATH": str(tmp_path),
        "DATA_DIR": str(tmp_path / "var"),
    }
    languages = [arg for lang in PLURAL_FORMS for arg in ("-l", lang)]
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", *languages, "--no-obsolete"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for language, content in committed.items():
        assert po_path(PACKAGE, language).read_bytes() == content, "the repo catalog was touched"

    untranslated = {}
    for language in PLURAL_FORMS:
        po = polib.pofile(str(po_path(copy, language)))
        problems = catalog_problems(po)
        if problems:
            untranslated[language] = problems
    assert not untranslated, (
        "strings in the code lack a translation; run `make messages` and translate them:\n"
        + "\n".join(f"{lang}: {p}" for lang, problems in untranslated.items() for p in problems)
    )

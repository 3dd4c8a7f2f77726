"""Cells of the CSV and XLSX files the platform exports (registrations, answers)."""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection):
# "=HYPERLINK(...)" typed as a name must stay text. Tab and carriage return too (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text as text: control characters dropped (XLSX refuses them), a formula-looking start
    neutralized with an apostrophe. Numbers and dates pass as they are."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return f"'{value}" if value.lstrip().startswith(FORMULA_STARTS) else value

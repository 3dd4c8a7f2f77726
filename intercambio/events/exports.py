"""What the organizers take away from an event's registrations: CSV and XLSX lists, the
summary of language and accessibility needs, certificates of attendance (PDF).

Pure functions over registrations already read: the views decide which and in which
language (the active one; certificates: the attendee's own)."""

import csv
import datetime
import io
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from openpyxl import Workbook
from openpyxl.styles import Font

from intercambio.common.i18n import translated
from intercambio.common.models import LANGUAGE_CHOICES
from intercambio.common.spreadsheets import safe_cell
from intercambio.events.models import Event, EventOrganization, Registration

LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)

COLUMNS = [
    gettext_lazy("Name"),
    gettext_lazy("E-mail address"),
    gettext_lazy("Organization"),
    gettext_lazy("Position"),
    gettext_lazy("Country"),
    gettext_lazy("Taking part"),
    gettext_lazy("Language"),
    gettext_lazy("Needs interpretation"),
    gettext_lazy("Accessibility needs"),
    gettext_lazy("Status"),
    gettext_lazy("Registered on"),
    gettext_lazy("Confirmed on"),
    gettext_lazy("Checked in on"),
    gettext_lazy("Listed publicly"),
]


def organization_of(registration: Registration) -> str:
    """The organization chosen from the directory, else the one the person typed."""
    if registration.organization_id is not None:
        return registration.organization.name
    return registration.organization_name


def _local(moment: datetime.datetime | None, zone) -> datetime.datetime | None:
    # Spreadsheets know no time zones: the event's local time, as the organizers read it.
    return moment.astimezone(zone).replace(tzinfo=None) if moment else None


def _rows(registrations: Iterable[Registration], zone) -> Iterable[list]:
    yes, no = _("yes"), _("no")
    for registration in registrations:
        yield [
            safe_cell(value)
            for value in (
                registration.name,
                registration.email,
                organization_of(registration),
                registration.position,
                registration.country.name if registration.country else "",
                registration.get_attendance_display(),
                LANGUAGE_NAMES.get(registration.language, registration.language),
                yes if registration.needs_interpretation else no,
                registration.accessibility_needs,
                registration.get_status_display(),
                _local(registration.created_at, zone),
                _local(registration.confirmed_at, zone),
                _local(registration.checked_in_at, zone),
                yes if registration.listed_publicly else no,
            )
        ]


def registrations_csv(*, event: Event, registrations: Iterable[Registration]) -> bytes:
    """UTF-8 with a byte order mark, so that Excel reads the accents; headers and values in
    the active language, times in the event's time zone."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(column) for column in COLUMNS])
    for row in _rows(registrations, event.zone):
        writer.writerow(
            [
                value.isoformat(sep=" ", timespec="minutes")
                if isinstance(value, datetime.datetime)
                else value
                for value in row
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def registrations_xlsx(*, event: Event, registrations: Iterable[Registration]) -> bytes:
    """One sheet, a bold frozen header row, times in the event's time zone."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]  # Excel's limit for a sheet name
    sheet.append([str(column) for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in _rows(registrations, event.zone):
        sheet.append(row)
    for column in sheet.iter_cols(min_row=1, max_row=1):
        sheet.column_dimensions[column[0].column_letter].width = 18
    for cell in sheet["K"][1:] + sheet["L"][1:] + sheet["M"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class LanguageNeeds:
    language: str
    label: str
    people: int
    interpretation: int


@dataclass
class NeedsSummary:
    """For booking interpreters and preparing the room: only registrations holding a seat."""

    total: int = 0
    in_person: int = 0
    online: int = 0
    interpretation: int = 0
    languages: list[LanguageNeeds] = field(default_factory=list)
    accessibility: list[tuple[str, str]] = field(default_factory=list)  # (name, needs)


def needs_summary(*, registrations: Iterable[Registration]) -> NeedsSummary:
    """Counts per participation language (and how many of them need interpretation), in
    person and online, and every accessibility need with the person's name. Registrations
    that hold no seat (waitlisted, cancelled…) are left out."""
    summary = NeedsSummary()
    people, interpretation = Counter(), Counter()
    for registration in registrations:
        if registration.status not in Registration.HOLDING_A_SEAT:
            continue
        summary.total += 1
        if registration.attendance == Registration.Attendance.ONLINE:
            summary.online += 1
        else:
            summary.in_person += 1
        people[registration.language] += 1
        if registration.needs_interpretation:
            interpretation[registration.language] += 1
            summary.interpretation += 1
        needs = registration.accessibility_needs.strip()
        if needs:
            summary.accessibility.append((registration.name, needs))
    summary.languages = [
        LanguageNeeds(code, label, people[code], interpretation[code])
        for code, label in LANGUAGE_CHOICES
        if people[code]
    ]
    return summary


# --- certificates -------------------------------------------------------------------------

# fpdf2's built-in fonts cover latin-1 only: "Łódź" or "Nguyễn" need a Unicode font. DejaVu
# (Debian's fonts-dejavu-core) is looked for here; without it the text is written in
# Helvetica, with the letters beyond latin-1 simplified, rather than failing.
FONT_DIRS = [
    Path(__file__).resolve().parent.parent / "static" / "fonts",
    Path("/usr/share/fonts/truetype/dejavu"),
]
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}

# Letters that Unicode does not decompose into a latin-1 letter and a mark.
LATIN1_SUBSTITUTES = str.maketrans(
    {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Œ": "OE", "œ": "oe", "ı": "i", "–": "-",
     "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "€": "EUR"}
)  # fmt: skip


def unicode_font_files() -> dict[str, Path] | None:
    for folder in FONT_DIRS:
        files = {style: folder / name for style, name in FONT_FILES.items()}
        if all(path.is_file() for path in files.values()):
            return files
    return None


def to_latin1(text: str) -> str:
    """The closest latin-1 text: accents kept where latin-1 has the letter ("São"), dropped
    where it does not ("Nguyễn" → "Nguyen"), anything else a question mark."""
    text = unicodedata.normalize("NFC", text).translate(LATIN1_SUBSTITUTES)
    out = []
    for char in text:
        if ord(char) < 256:
            out.append(char)
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        out.append(base if base and all(ord(c) < 256 for c in base) else "?")
    return "".join(out)


class UnicodePDF(FPDF):
    """An A4 landscape PDF writing in DejaVu Sans when the system has it (`self.unicode`),
    else in Helvetica, with the letters beyond Latin-1 simplified by to_latin1."""

    def __init__(self) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        fonts = unicode_font_files()
        self.unicode = fonts is not None
        if fonts is not None:
            for style, path in fonts.items():
                self.add_font("DejaVu", style, str(path))
        self.family = "DejaVu" if self.unicode else "Helvetica"


class _Certificate(UnicodePDF):
    def __init__(self) -> None:
        super().__init__()
        self.set_auto_page_break(auto=False)

    def centered(self, text: str, *, size: float, bold: bool = False, gap: float = 4) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.multi_cell(
            0, size * 0.5, text if self.unicode else to_latin1(text), align="C",
            new_x=XPos.LMARGIN, new_y=YPos.NEXT,
        )  # fmt: skip
        self.ln(gap)


def _when(event: Event) -> str:
    start, end = event.starts_at.astimezone(event.zone), event.ends_at.astimezone(event.zone)
    if start.date() == end.date():
        return _("on %(date)s") % {"date": formats.date_format(start.date(), "DATE_FORMAT")}
    return _("from %(start)s to %(end)s") % {
        "start": formats.date_format(start.date(), "DATE_FORMAT"),
        "end": formats.date_format(end.date(), "DATE_FORMAT"),
    }


def _where(event: Event, registration: Registration) -> str:
    place = ", ".join(
        part for part in (event.venue, event.city, event.country.name if event.country else "")
        if part
    )  # fmt: skip
    if event.format == Event.Format.ONLINE or (
        registration.attendance == Registration.Attendance.ONLINE and not place
    ):
        return _("online")
    if registration.attendance == Registration.Attendance.ONLINE:
        return _("online (the event took place in %(place)s)") % {"place": place}
    return place


def certificate_pdf(registration: Registration) -> bytes:
    """A certificate of attendance, in the attendee's language (registration.language):
    their name, the event's title in that language, dates, place and organizers. The caller
    checks that the person attended (checked_in_at)."""
    event = registration.event
    organizers = [
        role.organization.name
        for role in event.roles.select_related("organization").filter(
            role__in=[EventOrganization.Role.ORGANIZER, EventOrganization.Role.CO_ORGANIZER]
        )
    ]
    with translation.override(registration.language):
        title = translated(event, "title", language=registration.language).text or event.slug
        pdf = _Certificate()
        pdf.set_title(_("Certificate of attendance"))
        pdf.set_lang(registration.language)
        pdf.set_creator(settings.PLATFORM_NAME)
        pdf.add_page()
        pdf.set_line_width(0.8)
        pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
        pdf.set_y(32)
        pdf.centered(_("Certificate of attendance"), size=28, bold=True, gap=12)
        pdf.centered(_("This is to certify that"), size=14)
        pdf.centered(registration.name, size=24, bold=True, gap=6)
        if organization := organization_of(registration):
            pdf.centered(organization, size=13)
        pdf.centered(_("attended"), size=14)
        pdf.centered(title, size=18, bold=True, gap=6)
        pdf.centered(f"{_when(event)} · {_where(event, registration)}", size=13, gap=10)
        if organizers:
            pdf.centered(_("Organized by %(names)s") % {"names": ", ".join(organizers)}, size=12)
        pdf.set_y(pdf.h - 32)
        issued = formats.date_format(timezone.localdate(), "DATE_FORMAT")
        pdf.centered(
            _("Issued on %(date)s by %(platform)s")
            % {"date": issued, "platform": settings.PLATFORM_NAME},
            size=10,
        )
    return bytes(pdf.output())

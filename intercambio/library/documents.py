"""Writing real documents from text: the demo's library files, the benchmark's corpus.

fpdf2's built-in fonts cover Latin-1, which holds every letter of Portuguese and Spanish;
the few typographic signs outside it are replaced.
"""

from io import BytesIO

_LATIN1 = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...",
                         "•": "-", "→": "->", "€": "EUR"})  # fmt: skip


def _latin1(text: str) -> str:
    return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


def pdf_bytes(*, title: str, paragraphs: list[str], language: str = "pt-BR") -> bytes:
    """A tagged-text PDF (title, then one paragraph after another; pages as needed)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(title))
    pdf.set_lang(language)
    pdf.set_creator("Intercambio")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, _latin1(title))
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, _latin1(paragraph))
        pdf.ln(3)
    return bytes(pdf.output())


def docx_bytes(*, title: str, paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes(*, title: str, paragraphs: list[str]) -> bytes:
    from odf import text
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    document.text.addElement(text.H(outlinelevel=1, text=title))
    for paragraph in paragraphs:
        document.text.addElement(text.P(text=paragraph))
    buffer = BytesIO()
    document.write(buffer)
    return buffer.getvalue()

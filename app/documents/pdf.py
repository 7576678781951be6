"""Building blocks of every A4 document (reportlab): paragraph styles in the embedded CJK font, Chinese
dates, QR codes, the red seal mark, and the HTTP answer carrying a PDF."""
import io
import math
from xml.sax.saxutils import escape

from flask import Response
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Circle, Drawing, Polygon, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate

from .fonts import FONT_NAME, document_font

BODY = ParagraphStyle("body", fontName=FONT_NAME, fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
PLAIN = ParagraphStyle("plain", parent=BODY, firstLineIndent=0)
TITLE = ParagraphStyle("title", parent=PLAIN, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=6)
CENTRE = ParagraphStyle("centre", parent=PLAIN, fontSize=14, leading=20, alignment=TA_CENTER)
RIGHT = ParagraphStyle("right", parent=PLAIN, alignment=TA_RIGHT)
SMALL = ParagraphStyle("small", parent=PLAIN, fontSize=9, leading=13)

LAW = "《中华人民共和国行政许可法》"
#: 行政许可法 Art. 38 with 行政复议法 and 行政诉讼法 Art. 46: the remedies every adverse decision must state
REMEDIES = ("如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，"
            "或者在六个月内依法向人民法院提起行政诉讼。")
SEAL_RED = colors.Color(0.8, 0.1, 0.1)


def date_zh(iso: str | None) -> str:
    if not iso:
        return ""
    year, month, day = iso[:10].split("-")
    return f"{year}年{int(month)}月{int(day)}日"


def para(text: str, style=BODY) -> Paragraph:
    document_font()  # a paragraph measures its text when made: the font must be registered first
    return Paragraph(escape(text or ""), style)


def qr(url: str, size=32 * mm) -> Drawing:
    widget = QrCodeWidget(url)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def seal_mark(department: str, size=40 * mm) -> Drawing:
    """The printed image of a department's seal: a red ring, a star and the department's name. The legal
    seal is the PDF digital signature (app.documents.signing); this mark only shows where it applies."""
    drawing = Drawing(size, size)
    r = size / 2
    drawing.add(Circle(r, r, r - 2, strokeColor=SEAL_RED, strokeWidth=2.5, fillColor=None))
    star = []
    for k in range(10):  # a five-pointed star: outer and inner vertices alternately
        radius = r * (0.28 if k % 2 == 0 else 0.11)
        angle = math.pi / 2 + k * math.pi / 5
        star += [r + radius * math.cos(angle), r * 1.08 + radius * math.sin(angle)]
    drawing.add(Polygon(star, fillColor=SEAL_RED, strokeColor=SEAL_RED))
    font_size = min(9.0, (size - 12) / max(len(department), 1))
    drawing.add(String(r, r * 0.52, department, fontName=FONT_NAME, fontSize=font_size,
                       fillColor=SEAL_RED, textAnchor="middle"))
    drawing.add(String(r, r * 0.30, "电子印章", fontName=FONT_NAME, fontSize=7, fillColor=SEAL_RED,
                       textAnchor="middle"))
    drawing.hAlign = "RIGHT"
    return drawing


def build_pdf(flow: list, *, title: str, author: str = "", subject: str = "") -> bytes:
    """Lay out ``flow`` on A4 with the embedded CJK font as the only font of the document."""
    font = document_font()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=25 * mm, bottomMargin=20 * mm,
        title=title, author=author, subject=subject, creator="一窗通办", initialFontName=font,
    )
    doc.build(flow)
    return buffer.getvalue()


def pdf_response(data: bytes, filename: str) -> Response:
    """A PDF shown inline and saved as ``filename``; never cached by shared caches."""
    return Response(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{filename}"', "Cache-Control": "private, no-store"})

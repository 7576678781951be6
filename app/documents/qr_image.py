"""The QR code of a printed address as a PNG, for HTML pages: the modules come from the same encoder as the PDF's
QR (reportlab's QrCodeWidget, app.documents.pdf.qr), so both encode the same URL the same way. Served as a
``data:`` URI, which the CSP's ``img-src 'self' data:`` allows (reportlab's SVG would need inline styles)."""
import base64
import io

from PIL import Image
from reportlab.graphics.barcode.qr import QrCodeWidget

BORDER = 4  # the quiet zone, in modules, as in the PDF


def qr_modules(url: str) -> list[list[bool]]:
    widget = QrCodeWidget(url)
    widget.qr.make()
    return [[bool(dark) for dark in row] for row in widget.qr.modules]


def qr_png(url: str, scale: int = 6) -> bytes:
    """Black modules on white, ``scale`` pixels per module, with the quiet zone."""
    modules = qr_modules(url)
    size = len(modules) + 2 * BORDER
    image = Image.new("1", (size, size), 1)
    pixels = image.load()
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            if dark:
                pixels[c + BORDER, r + BORDER] = 0
    image = image.resize((size * scale, size * scale), Image.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def qr_data_uri(url: str) -> str:
    return "data:image/png;base64," + base64.b64encode(qr_png(url)).decode("ascii")

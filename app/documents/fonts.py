"""The CJK font every PDF embeds, so a document prints the same on any machine.

reportlab's built-in CID fonts (STSong-Light …) are never embedded: a reader without that font substitutes
another. We embed a TrueType font instead (reportlab embeds the subset of glyphs used, as ``FontFile2``).
``PDF_FONT_PATH`` names the file (a ``.ttc`` collection takes ``PDF_FONT_INDEX``); unset, the first of
:data:`CANDIDATES` that exists is used — Debian's ``fonts-wqy-zenhei`` (GPL with a font embedding exception),
which ``.ci/run`` installs. OpenType/CFF fonts (Noto Sans CJK ``.otf``) cannot be embedded by reportlab.
"""
import logging
import os

from flask import current_app
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont

from app.errors import ServiceError

logger = logging.getLogger(__name__)

FONT_NAME = "DocumentCJK"
#: TrueType CJK fonts of common Linux distributions (path, index in the collection)
CANDIDATES = (
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
)


class FontUnavailable(ServiceError):
    """503: no embeddable CJK font is installed (a set-up problem, told plainly instead of a 500)."""

    status = 503


def _configured_font() -> tuple[str, int] | None:
    path = current_app.config.get("PDF_FONT_PATH")
    if path:
        return (path, int(current_app.config.get("PDF_FONT_INDEX") or 0)) if os.path.exists(path) else None
    return next(((p, i) for p, i in CANDIDATES if os.path.exists(p)), None)


def document_font() -> str:
    """The registered name of the embedded CJK font (registered once per process)."""
    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    found = _configured_font()
    if found is None:
        logger.error("no embeddable CJK TrueType font found (PDF_FONT_PATH=%s)",
                     current_app.config.get("PDF_FONT_PATH"))
        raise FontUnavailable("无法生成 PDF：服务器未安装可嵌入的中文字体（apt-get install fonts-wqy-zenhei，"
                              "或设置 PDF_FONT_PATH 指向 TrueType 字体文件）")
    path, index = found
    pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=index))
    # one face for every style: paragraphs look up bold/italic variants by family
    registerFontFamily(FONT_NAME, normal=FONT_NAME, bold=FONT_NAME, italic=FONT_NAME, boldItalic=FONT_NAME)
    # drawings (QR codes, the seal mark) start from reportlab's default graphics font, which would add a
    # non-embedded Helvetica to the page; every drawing of ours starts from the CJK font instead
    rl_config.defaultGraphicsFontName = FONT_NAME
    logger.info("PDF font: %s (index %d)", path, index)
    return FONT_NAME

"""Rendering a stored notice as an A4 PDF (reportlab, built-in CID font STSong-Light: no font file needed),
with a QR code of the public progress query."""

import io
from xml.sax.saxutils import escape

from flask import Response
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

_BODY = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
_PLAIN = ParagraphStyle("plain", parent=_BODY, firstLineIndent=0)
_TITLE = ParagraphStyle("title", parent=_PLAIN, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=6)
_CENTRE = ParagraphStyle("centre", parent=_PLAIN, fontSize=14, leading=20, alignment=TA_CENTER)
_RIGHT = ParagraphStyle("right", parent=_PLAIN, alignment=TA_RIGHT)
_SMALL = ParagraphStyle("small", parent=_PLAIN, fontSize=9, leading=13)

LAW = "《中华人民共和国行政许可法》"


def _date_zh(iso: str | None) -> str:
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{year}年{int(month)}月{int(day)}日"


def _p(text: str, style=_BODY) -> Paragraph:
    return Paragraph(escape(text or ""), style)


def _qr(url: str, size=32 * mm) -> Drawing:
    widget = QrCodeWidget(url)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def _body(kind: str, c: dict) -> list:
    item, applicant = c["item"]["name"], c["applicant"]["name"]
    flow = [_p(f"{applicant}：", _PLAIN)]
    if c.get("agent"):  # 代办: the notice names the agent too
        flow.append(_p(f"代办人：{c['agent']['name']}（{c['agent']['kind']}）", _PLAIN))
    if kind == "acceptance":
        flow.append(
            _p(
                f"你（单位）于{_date_zh(c['received_on'])}提出的“{item}”申请，申请材料齐全、符合法定形式，"
                f"根据{LAW}第三十二条的规定，决定予以受理。"
            )
        )
        if c.get("deadline"):
            flow.append(
                _p(
                    f"本机关将于{_date_zh(c['deadline'])}前（承诺时限{c.get('promised_limit')}个工作日）作出决定。"
                )
            )
        flow.append(_p("已收取的申请材料：", _PLAIN))
        flow += [_p(f"{n}. {name}", _PLAIN) for n, name in enumerate(c.get("materials", []), 1)]
    elif kind == "supplement":
        flow.append(
            _p(
                f"你（单位）提出的“{item}”申请，申请材料不齐全或者不符合法定形式。根据{LAW}第三十二条的规定，"
                "现一次性告知需要补正的全部材料及其要求如下："
            )
        )
        for n, m in enumerate(c.get("missing", []), 1):
            counts = f"（原件{m.get('originals', 0)}份，复印件{m.get('copies', 0)}份）"
            flow.append(_p(f"{n}. {m['name']}{counts}", _PLAIN))
            if m.get("standard"):
                flow.append(_p(f"要求：{m['standard']}"))
        if c.get("note"):
            flow.append(_p(f"说明：{c['note']}", _PLAIN))
        flow.append(_p("请补正全部材料后到本窗口提交。补正材料提交前，申请的办理时限不予计算。"))
    else:
        flow.append(
            _p(
                f"你（单位）提出的“{item}”申请，经审查，根据{LAW}第三十二条、第三十八条的规定，决定不予受理。理由如下："
            )
        )
        flow.append(_p(c.get("reason") or ""))
        flow.append(
            _p(
                "如不服本决定，可以自收到本通知书之日起六十日内依法申请行政复议，"
                "或者在六个月内依法向人民法院提起行政诉讼。"
            )
        )
    return flow


def render_notice_pdf(kind: str, content: dict) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=25 * mm,
        bottomMargin=20 * mm,
        title=f"{content['title']} {content['number']}",
        author=content.get("centre") or "",
        subject=content["case_no"],
    )
    flow = [
        _p(content.get("centre", ""), _CENTRE),
        _p(content["title"], _TITLE),
        _p(content["number"], _RIGHT),
        _p(
            f"办件编号：{content['case_no']}    事项：{content['item']['name']}（{content['item']['code']}）",
            _SMALL,
        ),
        _p(f"实施部门：{content['department']}    受理窗口：{content.get('window', '')}", _SMALL),
        Spacer(1, 6 * mm),
    ]
    flow += _body(kind, content)
    flow += [
        Spacer(1, 10 * mm),
        _p(content.get("centre", ""), _RIGHT),
        _p(content.get("window", ""), _RIGHT),
        _p(_date_zh(content["decided_on"]), _RIGHT),
        Spacer(1, 6 * mm),
        _qr(content["progress_url"]),
        _p(f"扫码或访问 {content['progress_url']} 查询办理进度（查询码：申请人证件号码后6位）", _SMALL),
    ]
    if content.get("centre_address") or content.get("centre_phone"):
        flow.append(
            _p(f"地址：{content.get('centre_address', '')}  电话：{content.get('centre_phone', '')}", _SMALL)
        )
    doc.build(flow)
    return buffer.getvalue()


def notice_pdf_response(notice) -> Response:
    """The HTTP answer with a stored notice rendered as PDF (shown inline, saved as <case_no>-<kind>.pdf)."""
    filename = f"{notice.content['case_no']}-{notice.kind}.pdf"
    return Response(
        render_notice_pdf(notice.kind, notice.content),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )

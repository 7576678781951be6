"""The theme's 受理通知书 as a PDF: one notice for the whole theme listing every item that will be handled (with
its department and deadline, or that it starts once the result it needs is issued), the theme's promised
deadline, and the QR code of the one progress query (办件查询 answers a theme number with every child)."""
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from app.cases import lifecycle
from app.documents.notices import query_code_line
from app.documents.pdf import CENTRE, LAW, PLAIN, RIGHT, SMALL, TITLE, build_pdf, date_zh, para, qr
from app.documents.urls import progress_url


def render_theme_notice(theme_case, overview: dict, query_code: str | None) -> bytes:
    centre = theme_case.receiving_centre.name if theme_case.receiving_centre else ""
    accepted_on = lifecycle.local_date(theme_case.accepted_at).isoformat()
    url = progress_url(theme_case.theme_no)
    flow = [
        para(centre, CENTRE),
        para("一件事受理通知书", TITLE),
        para(f"一件事编号：{theme_case.theme_no}    一件事：{overview['theme']}", SMALL),
        Spacer(1, 6 * mm),
        para(f"{theme_case.applicant_name}：", PLAIN),
        para(f"你（单位）于{date_zh(accepted_on)}提出的“{overview['theme']}”申请，申请材料齐全、符合法定形式，根据{LAW}"
             f"第三十二条的规定，决定予以受理。以下事项一并办理，于{date_zh(overview['deadline'].isoformat())}前统一出件："),
    ]
    for n, child in enumerate([c for c in overview["children"] if c["state"] != "skipped"], 1):
        if child.get("case_no"):
            line = (f"{n}. {child['item_name']}（{child.get('department', '')}，办件编号 {child['case_no']}，"
                    f"承诺 {child['deadline'].isoformat() if child.get('deadline') else ''} 前办结）")
        else:
            line = f"{n}. {child['item_name']}（前置事项办结后自动启动，其核发的证照无需另行提交）"
        flow.append(para(line, PLAIN))
    flow += [
        Spacer(1, 10 * mm),
        para(centre, RIGHT),
        para(date_zh(accepted_on), RIGHT),
        Spacer(1, 6 * mm),
        qr(url),
        para(query_code_line(url, query_code), SMALL),
    ]
    return build_pdf(flow, title=f"一件事受理通知书 {theme_case.theme_no}", author=centre, subject=theme_case.theme_no)

"""准予 / 不予行政许可决定书 rendered from their stored content: reasons, legal basis, the licence that follows a
grant (Art. 44), the remedies of a refusal (Art. 38: 行政复议 within 60 days, 行政诉讼 within 6 months), and a QR
code of the public progress query."""
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from .pdf import (
    CENTRE,
    LAW,
    PLAIN,
    REMEDIES,
    RIGHT,
    SMALL,
    TITLE,
    build_pdf,
    date_zh,
    para,
    qr,
    seal_mark,
)


def _basis(c: dict) -> str:
    """The item's legal basis followed by the articles of the licensing law, or the law alone."""
    basis = (c["item"].get("legal_basis") or "").rstrip("；;。")
    return f"{basis}和{LAW}" if basis else LAW


def _opening(c: dict) -> str:
    return (f"你（单位）提出的“{c['item']['name']}”申请，本机关于{date_zh(c.get('accepted_on') or c['received_on'])}"
            "依法受理。经审查，")


def _grant(c: dict) -> list:
    item = c["item"]
    flow = [para(f"{_opening(c)}该申请符合法定条件、标准，根据{_basis(c)}第三十四条、第三十七条的规定，"
                 "决定准予行政许可。")]
    if c.get("opinion"):
        flow.append(para(f"审查意见：{c['opinion']}"))
    licence = c.get("licence")
    if licence:
        until = date_zh(licence["valid_to"]) if licence.get("valid_to") else "长期"
        flow.append(para(f"许可证件：{licence['name']}，证照编号{licence['number']}，"
                         f"有效期自{date_zh(licence['valid_from'])}至{until}。"))
    flow.append(para(f"本机关将依照{LAW}第四十四条的规定，自作出决定之日起十日内向你（单位）颁发、送达"
                     f"{item.get('result_name') or '行政许可证件'}（电子证照可凭办件编号和受理通知书上的查询码在线下载）。"))
    return flow


def _refusal(c: dict) -> list:
    return [
        para(f"{_opening(c)}该申请不符合法定条件、标准，根据{_basis(c)}第三十八条第二款的规定，决定不予行政许可。"
             "理由如下："),
        para(c.get("reasons") or ""),
        para(REMEDIES),
    ]


def render_decision_pdf(kind: str, c: dict) -> bytes:
    flow = [
        para(c["department"], CENTRE),
        para(c["title"], TITLE),
        para(c["number"], RIGHT),
        para(f"办件编号：{c['case_no']}    事项：{c['item']['name']}（{c['item']['code']}）", SMALL),
        Spacer(1, 6 * mm),
        para(f"{c['applicant']['name']}：", PLAIN),
    ]
    flow += _grant(c) if kind == "grant" else _refusal(c)
    flow += [
        Spacer(1, 8 * mm),
        seal_mark(c["department"], size=34 * mm),
        para(c["department"], RIGHT),
        para(date_zh(c["decided_on"]), RIGHT),
        Spacer(1, 6 * mm),
        qr(c["progress_url"]),
        para(f"扫码或访问 {c['progress_url']} 凭办件编号和受理通知书上的查询码查询办理进度、核验本决定", SMALL),
    ]
    if c.get("centre_address") or c.get("centre_phone"):
        flow.append(para(f"{c.get('centre', '')}  地址：{c.get('centre_address', '')}  "
                         f"电话：{c.get('centre_phone', '')}", SMALL))
    return build_pdf(flow, title=f"{c['title']} {c['number']}", author=c["department"], subject=c["case_no"])

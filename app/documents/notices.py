"""The window notices (受理通知书 / 一次性补正告知书 / 不予受理通知书) rendered from their stored content
(app.paperwork numbers and stores them), with a QR code of the public progress query."""
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
    pdf_response,
    qr,
)


def _body(kind: str, c: dict) -> list:
    item, applicant = c["item"]["name"], c["applicant"]["name"]
    flow = [para(f"{applicant}：", PLAIN)]
    if c.get("agent"):  # 代办: the notice names the agent too
        flow.append(para(f"代办人：{c['agent']['name']}（{c['agent']['kind']}）", PLAIN))
    if kind == "acceptance":
        flow.append(para(f"你（单位）于{date_zh(c['received_on'])}提出的“{item}”申请，申请材料齐全、符合法定形式，"
                         f"根据{LAW}第三十二条的规定，决定予以受理。"))
        if c.get("deadline"):
            flow.append(para(f"本机关将于{date_zh(c['deadline'])}前（承诺时限{c.get('promised_limit')}个工作日）作出决定。"))
        flow.append(para("已收取的申请材料：", PLAIN))
        flow += [para(f"{n}. {name}", PLAIN) for n, name in enumerate(c.get("materials", []), 1)]
    elif kind == "supplement":
        flow.append(para(f"你（单位）提出的“{item}”申请，申请材料不齐全或者不符合法定形式。根据{LAW}第三十二条的规定，"
                         "现一次性告知需要补正的全部材料及其要求如下："))
        for n, m in enumerate(c.get("missing", []), 1):
            counts = f"（原件{m.get('originals', 0)}份，复印件{m.get('copies', 0)}份）"
            flow.append(para(f"{n}. {m['name']}{counts}", PLAIN))
            if m.get("standard"):
                flow.append(para(f"要求：{m['standard']}"))
        if c.get("note"):
            flow.append(para(f"说明：{c['note']}", PLAIN))
        flow.append(para("请补正全部材料后到本窗口提交。补正材料提交前，申请的办理时限不予计算。"))
    else:
        flow.append(para(f"你（单位）提出的“{item}”申请，经审查，根据{LAW}第三十二条、第三十八条的规定，决定不予受理。"
                         "理由如下："))
        flow.append(para(c.get("reason") or ""))
        flow.append(para(REMEDIES.replace("本决定书", "本通知书")))
    return flow


def query_code_line(url: str, query_code: str | None) -> str:
    """The line under the QR code: the 查询码 for the window's print, a pointer to it on other copies."""
    if query_code:
        return f"扫码或访问 {url} 凭办件编号和查询码 {query_code} 查询办理进度（查询码请妥善保管，勿告知他人）"
    return f"扫码或访问 {url} 凭办件编号和查询码查询办理进度（查询码见受理窗口交申请人的通知书）"


def render_notice_pdf(kind: str, content: dict, query_code: str | None = None) -> bytes:
    """The notice from its stored content; ``query_code`` (not stored in the content) only on the window's
    print (app.cases.privacy.case_query_code)."""
    flow = [
        para(content.get("centre", ""), CENTRE),
        para(content["title"], TITLE),
        para(content["number"], RIGHT),
        para(f"办件编号：{content['case_no']}    事项：{content['item']['name']}（{content['item']['code']}）", SMALL),
        para(f"实施部门：{content['department']}    受理窗口：{content.get('window', '')}", SMALL),
        Spacer(1, 6 * mm),
    ]
    flow += _body(kind, content)
    flow += [
        Spacer(1, 10 * mm),
        para(content.get("centre", ""), RIGHT),
        para(content.get("window", ""), RIGHT),
        para(date_zh(content["decided_on"]), RIGHT),
        Spacer(1, 6 * mm),
        qr(content["progress_url"]),
        para(query_code_line(content["progress_url"], query_code), SMALL),
    ]
    if content.get("centre_address") or content.get("centre_phone"):
        flow.append(para(f"地址：{content.get('centre_address', '')}  电话：{content.get('centre_phone', '')}", SMALL))
    return build_pdf(flow, title=f"{content['title']} {content['number']}", author=content.get("centre") or "",
                     subject=content["case_no"])


def notice_pdf_response(notice, query_code: str | None = None):
    """The HTTP answer with a stored notice rendered as PDF (shown inline, saved as <case_no>-<kind>.pdf)."""
    return pdf_response(render_notice_pdf(notice.kind, notice.content, query_code),
                        f"{notice.content['case_no']}-{notice.kind}.pdf")

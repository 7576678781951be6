"""Excel exports of the staff lists (办件查询, the window's lists): the rows of a query module, labelled in the
page's language and masked as the page masks them for the user's role, written by app.exports.xlsx."""
from flask_babel import gettext as _

from app.applicants.identity import mask_id_number, mask_phone
from app.cases.models import CASE_RESULTS, CASE_STATUSES
from app.cases.privacy import sees_full_identity
from app.exports.xlsx import xlsx_response
from app.supervision.rules import LEVEL_LABELS

from .filters import applicant_name_for, local_time


def _label(labels: dict, value):
    return _(labels[value]) if value in labels else (value or "")


def case_list_export(title: str, rows, user):
    """``rows``: tuples of app.cases.search.EXPORT_COLUMNS. The ID number and phone are always masked (as in
    every list); a person's name is masked for roles that do not see the full identity."""
    full = sees_full_identity(user)
    header = [_("办件编号"), _("事项"), _("实施部门"), _("申请人"), _("证件号码"), _("联系电话"), _("状态"), _("结果"),
              _("监察等级"), _("收件时间"), _("承诺办结期限"), _("决定时间"), _("出件时间")]

    def labelled():
        for (case_no, item, department, kind, name, id_number, phone, status, result, level, received, deadline,
             decided, issued) in rows:
            yield (case_no, item, department, applicant_name_for(name, kind, full), mask_id_number(id_number),
                   mask_phone(phone), _label(CASE_STATUSES, status), _label(CASE_RESULTS, result),
                   _label(LEVEL_LABELS, level), local_time(received), deadline, local_time(decided),
                   local_time(issued))

    return xlsx_response(f"{title}.xlsx", [(title, header, labelled())])

"""一件事 API: definitions (designer edits, the review authority reviews), 一窗受理, the theme case, 统一出件,
coordination after a refusal, online application, the public progress query and rating, statistics."""
from flask import request
from flask_smorest import Blueprint

from app.applications.services import guard_submissions
from app.accounts.auth import BEARER_SECURITY, current_user, roles_required
from app.catalogue.review import REVIEWER_ROLES
from app.progress.throttle import failures_counted
from app.transaction import transactional

from . import definitions, handling, online, results
from .access import STAFF_ROLES, staff_overview, visible_theme_case
from .schemas import (
    ThemeApplicationReceiptSchema, ThemeApplicationRowSchema, ThemeCoordinationSchema, ThemeLookupSchema, NewThemeSchema, ThemeRatingSchema,
    ThemeRejectSchema, ThemeReviewNoteSchema, ThemeAcceptSchema, ThemeApplicationReviewSchema, ThemeCaseSchema, ThemeReviewResultSchema,
    ThemeElementsSchema, ThemeIssueSchema, ThemeVersionSchema,
)
from .statistics import theme_statistics

blp = Blueprint("themes", __name__, url_prefix="/api/v1", description="一件事一次办：主题定义与审核、一窗受理、统一出件、进度查询与评价")
VERSION = "/catalogue/themes/<string:code>/versions/<int:version>"


@blp.get("/themes")
@blp.response(200, ThemeVersionSchema(many=True))
def list_themes():
    """已发布的一件事（公开）"""
    return definitions.published_themes()


@blp.get("/themes/<string:code>")
@blp.response(200, ThemeVersionSchema)
def show_theme(code):
    """一件事的办事指南数据（公开）"""
    return definitions.published_theme(code)


@blp.post("/catalogue/themes")
@blp.arguments(NewThemeSchema)
@blp.response(201, ThemeVersionSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("designer")
@transactional
def create_theme(args):
    """新建一件事（第 1 版草稿）。编制人：designer"""
    return definitions.create_theme(args, current_user().username)


@blp.get("/catalogue/themes/<string:code>/versions")
@blp.response(200, ThemeVersionSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@roles_required("designer", "supervisor", *REVIEWER_ROLES)
def theme_versions(code):
    """一件事的全部版本（含草稿）"""
    return definitions.versions_of(code)


@blp.post("/catalogue/themes/<string:code>/versions")
@blp.response(201, ThemeVersionSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("designer")
@transactional
def new_theme_version(code):
    """由最新版本复制出新草稿"""
    return definitions.new_draft(code, current_user().username)


@blp.put(VERSION)
@blp.arguments(ThemeElementsSchema)
@blp.response(200, ThemeVersionSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("designer")
@transactional
def update_theme(args, code, version):
    """修改草稿"""
    return definitions.update_draft(code, version, args, current_user().username)


@blp.post(VERSION + "/submit")
@blp.response(200, ThemeVersionSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("designer")
@transactional
def submit_theme(code, version):
    """提交审核"""
    return definitions.submit(code, version, current_user().username)


@blp.post(VERSION + "/approve")
@blp.arguments(ThemeReviewNoteSchema)
@blp.response(200, ThemeVersionSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required(*REVIEWER_ROLES)
@transactional
def approve_theme(args, code, version):
    """审核通过并发布（rules/item_review.toml 的 theme 审核机关，非编制人）"""
    return definitions.approve(code, version, current_user(), args.get("note"))


@blp.post(VERSION + "/reject")
@blp.arguments(ThemeRejectSchema)
@blp.response(200, ThemeVersionSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required(*REVIEWER_ROLES)
@transactional
def reject_theme(args, code, version):
    """退回修改"""
    return definitions.reject(code, version, current_user(), args["reason"])


@blp.post("/themes/cases")
@blp.arguments(ThemeAcceptSchema)
@blp.response(201, ThemeCaseSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
@transactional
def accept(args):
    """一窗受理：一次受理，生成一件事办件及各适用事项的子办件"""
    user = current_user()
    return staff_overview(user, handling.accept_theme(user, args))


@blp.get("/themes/cases/<string:theme_no>")
@blp.response(200, ThemeCaseSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required(*STAFF_ROLES)
def show_case(theme_no):
    """一件事办件：各子办件的状态、部门和期限，一件事总期限与监察等级"""
    user = current_user()
    return staff_overview(user, visible_theme_case(user, theme_no))


@blp.post("/themes/cases/<string:theme_no>/issue")
@blp.arguments(ThemeIssueSchema)
@blp.response(200, ThemeCaseSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
@transactional
def issue(args, theme_no):
    """统一出件：全部结果一次交付（窗口领取或一次邮寄）"""
    user = current_user()
    return staff_overview(user, results.issue_theme(user, theme_no, args))


@blp.post("/themes/cases/<string:theme_no>/restart")
@blp.response(200, ThemeCaseSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
@transactional
def restart(theme_no):
    """重新启动：前置结果已出、但未能自动启动的事项由受理中心窗口启动"""
    user = current_user()
    return staff_overview(user, handling.restart(user, theme_no))


@blp.post("/themes/cases/<string:theme_no>/coordination")
@blp.arguments(ThemeCoordinationSchema)
@blp.response(200, ThemeCaseSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk", "approver", "head")
@transactional
def coordinate(args, theme_no):
    """某事项不予许可后，牵头部门决定其余未开始的事项继续或不再办理"""
    user = current_user()
    return staff_overview(user, handling.coordinate(user, theme_no, args["decision"], args.get("note")))


@blp.get("/themes/applications")
@blp.response(200, ThemeApplicationRowSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
def pending_applications():
    """本窗口待受理的一件事网上申报"""
    return online.pending_applications(current_user())


@blp.post("/themes/applications/<int:application_id>/review")
@blp.arguments(ThemeApplicationReviewSchema)
@blp.response(200, ThemeReviewResultSchema)
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
@transactional
def review(args, application_id):
    """受理（一次受理全部事项）或不予受理"""
    return online.review_application(current_user(), application_id, args["decision"], args.get("reason"))


@blp.post("/public/themes/applications")
@blp.arguments(ThemeAcceptSchema)
@blp.response(201, ThemeApplicationReceiptSchema)
@transactional
def submit_application(args):
    """网上申报一件事：一张表单、一份材料清单（公开）；回执含查询码"""
    guard_submissions(request.remote_addr)  # the hourly limit of every online application
    return online.submit_application(args)


@blp.post("/public/themes/progress")
@blp.arguments(ThemeLookupSchema)
@blp.response(200, ThemeCaseSchema)
@transactional
def progress(args):
    """办件查询：一件事与其全部子办件的进度（编号 + 查询码）"""
    return results.overview(failures_counted(results.authenticate, args["theme_no"], args["code"],
                                             request.remote_addr))


@blp.post("/public/themes/rating")
@blp.arguments(ThemeRatingSchema)
@blp.response(200, ThemeCaseSchema)
@transactional
def rate(args):
    """一件事一次评价（统一出件后）"""
    theme_case = failures_counted(results.authenticate, args["theme_no"], args["code"], request.remote_addr)
    return results.overview(results.rate_theme(theme_case, args["grade"], args.get("text")))


@blp.get("/themes/statistics")
@blp.doc(security=BEARER_SECURITY)
@roles_required("supervisor")
def statistics():
    """一件事统计：办件量、按时率、平均用时与各事项承诺时限之和、减少提交的材料"""
    return {"themes": theme_statistics()}

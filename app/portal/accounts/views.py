"""我的办事 pages: /my (我的办件), /my/register, /my/login (password or 统一身份认证), /my/logout and the
licence download of the account's own cases."""
import logging
from urllib.parse import quote, urlsplit

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from app.applicants.identity import mask_id_number, mask_phone
from app.documents.delivery import applicant_licence_file
from app.documents.licence_file import signed_bytes
from app.documents.pdf import pdf_response
from app.documents.urls import public_base_url
from app.web.common import attempt, error_page, field_messages, page_blueprint
from app.web.forms import PostForm

from . import oidc, services
from .forms import ApplicantLoginForm, EnterpriseRegisterForm, PersonRegisterForm
from .records import my_case, my_records
from .session import current_applicant, identity_verified, log_in, log_out

logger = logging.getLogger(__name__)

bp = page_blueprint("portal_accounts", __name__, url_prefix="/my")

NEXT_KEY = "applicant_next"


def _safe_next(target: str | None) -> str | None:
    """Only local paths: never redirect to another site after login."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _login_page(form, problem=None, status=200):
    return render_template("portal/accounts/login.html", form=form, problem=problem,
                           password_login=current_app.config["APPLICANT_PASSWORD_LOGIN"],
                           oidc_login=oidc.oidc_enabled(), next=_safe_next(request.args.get("next"))), status


@bp.get("")
def index():
    account = current_applicant()
    if account is None:
        return redirect(url_for(".login", next=request.path))
    verified = identity_verified()
    return render_template("portal/accounts/index.html", account=account, verified=verified,
                           records=my_records(account, verified), logout_form=PostForm(),
                           masked_id=mask_id_number(account.id_number), masked_phone=mask_phone(account.phone))


@bp.route("/register", methods=["GET", "POST"])
def register():
    if not current_app.config["APPLICANT_PASSWORD_LOGIN"]:
        return redirect(url_for(".login"))
    kind = "organisation" if request.values.get("kind") == "organisation" else "person"
    form = EnterpriseRegisterForm() if kind == "organisation" else PersonRegisterForm()
    status = 200
    if form.is_submitted():
        status = 422
        data = {**{name: field.data for name, field in form._fields.items() if name != "csrf_token"}, "kind": kind}
        if form.validate():
            account, error = attempt(services.register, data)
            if error is None:
                log_in(account, verified=False)
                flash(_("注册成功，已登录"), "info")
                return redirect(url_for(".index"))
            status = error.status
            _show(form, field_messages(error))
        else:  # every problem at once: the services' checks of the fields the form had nothing to say about
            _show(form, {name: message for name, message in services.registration_problems(data).items()
                         if name in form._fields and not form._fields[name].errors})
    return render_template("portal/accounts/register.html", form=form, kind=kind), status


def _show(form, messages: dict[str, str]) -> None:
    for name, message in messages.items():
        (form._fields.get(name) or form.name).errors.append(_(message))


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = ApplicantLoginForm()
    if not current_app.config["APPLICANT_PASSWORD_LOGIN"]:
        return _login_page(form)
    if form.validate_on_submit():
        result, error = attempt(services.authenticate, form.id_number.data, form.password.data, request.remote_addr)
        account, status = result if error is None else (None, error.status)
        if account is None:
            message = _("登录失败次数过多，请15分钟后再试") if status == 429 else _("证件号码或密码错误")
            form.password.errors.append(message)
            return _login_page(form, status=status)
        log_in(account, verified=False)
        return redirect(_safe_next(request.args.get("next")) or url_for(".index"))
    return _login_page(form, status=422 if form.is_submitted() else 200)


@bp.get("/login/oidc")
def oidc_login():
    """Off to the province's 统一身份认证; the callback address is on the configured public site."""
    if not oidc.oidc_enabled():
        abort(404)
    next_page = _safe_next(request.args.get("next"))
    try:
        response = oidc.start(public_base_url() + url_for(".oidc_callback"))
    except oidc.OidcFailed as error:
        return _login_page(ApplicantLoginForm(), problem=_(error.message), status=503)
    session[NEXT_KEY] = next_page
    return response


@bp.get("/login/oidc/callback")
def oidc_callback():
    if not oidc.oidc_enabled():
        abort(404)
    try:
        subject, claims = oidc.finish()
    except oidc.OidcFailed as error:
        return _login_page(ApplicantLoginForm(), problem=_(error.message), status=error.status)
    account, error = attempt(services.oidc_account, subject, claims, current_app.config)
    if error is not None:
        return _login_page(ApplicantLoginForm(), problem=_(error.message), status=error.status)
    next_page = session.get(NEXT_KEY)
    log_in(account, verified=True)
    return redirect(_safe_next(next_page) or url_for(".index"))


@bp.post("/logout")
def logout():
    log_out()
    flash(_("已退出登录"), "info")
    return redirect(url_for("portal_home.index"))


@bp.post("/cases/<case_no>/licence.pdf")
def licence(case_no):
    """The signed e-licence of one of the account's own cases (no query code needed)."""
    account = current_applicant()
    if account is None:
        return redirect(url_for(".login", next=url_for(".index")))
    case = my_case(account, identity_verified(), case_no)
    if case is None:
        return error_page(404, _("办件不存在"))
    delivered, error = attempt(applicant_licence_file, case)
    if error is not None:
        return error_page(error.status, error.message)
    licence_row, stored = delivered
    logger.info("case %s: applicant account %s downloaded the licence file", case.case_no, account.id)
    response = pdf_response(signed_bytes(stored), "licence.pdf")
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"licence-{licence_row.id}.pdf\"; "
        f"filename*=UTF-8''{quote(licence_row.number + '.pdf')}")
    return response

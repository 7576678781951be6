"""Session login for the pages (same users, passwords and roles as the API), log out, language switch."""
import logging
from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from app.accounts.services import authenticate, login_blocked, record_login_attempt
from app.security.sessions import close_session, open_session
from app.transaction import transactional

from . import LANGUAGES
from .common import home_endpoint, login_required, page_blueprint, session_user
from .forms import LoginForm, PostForm

logger = logging.getLogger(__name__)

bp = page_blueprint("web_auth", __name__)


def _safe_next(target: str | None) -> str | None:
    """Only local paths: never redirect to another site after login."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.get("/workbench")
@login_required
def home():
    """The staff member's own workspace (the public home "/" sends staff here too)."""
    return redirect(url_for(home_endpoint(session_user())))


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user, status = transactional(_check_login)(form.username.data.strip(), form.password.data,
                                                   request.remote_addr)
        if user is None:
            message = _("登录失败次数过多，请15分钟后再试") if status == 429 else _("用户名或密码错误")
            form.password.errors.append(message)
            return render_template("login.html", form=form), status
        logger.info("page login: %s", user.username)
        return redirect(_safe_next(request.args.get("next")) or url_for(home_endpoint(user)))
    return render_template("login.html", form=form)


def _check_login(username: str, password: str, address: str | None):
    """The API's login rules (throttling, argon2 check, attempts recorded); committed either way so that
    failures count. Returns (user, 200) or (None, 401 | 429)."""
    if login_blocked(username, address):
        return None, 429
    user = authenticate(username, password)
    record_login_attempt(username, address, succeeded=user is not None)
    if user is not None:
        open_session("staff", user.id)  # a fresh session (and CSRF token) on every login
    return user, (200 if user is not None else 401)


@bp.post("/logout")
def logout():
    form = PostForm()
    form.validate_on_submit()
    transactional(close_session)()  # the server forgets the session: a copied cookie stops working
    flash(_("已退出登录"), "info")
    return redirect(url_for("web_auth.login"))


@bp.get("/lang/<code>")
def set_language(code):
    if code in LANGUAGES:
        session["lang"] = code
    return redirect(_safe_next(request.args.get("next")) or url_for("portal_home.index"))

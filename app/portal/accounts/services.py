"""Applicant accounts: registration, password login (argon2 and the staff login's throttle) and the account
made or linked by a 统一身份认证 login. Services flush, never commit. Identity numbers, names and phones never
go to the log: it names the account id."""
import hashlib
import logging
import re

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.accounts.services import (
    check_password, hash_password, login_blocked, password_needs_rehash, record_login_attempt,
)
from app.applicants.identity import IdKind, citizen_id_problem, credit_code_problem, normalise_id
from app.database import utcnow
from app.errors import Conflict, InvalidInput
from app.extensions import db

from .models import ACCOUNT_KINDS, ApplicantAccount

logger = logging.getLogger(__name__)

PHONE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")
PASSWORD_MIN = 8
PASSWORD_MAX = 128
DUPLICATE = "该证件号码已注册，请直接登录"


def _id_kind(kind: str) -> IdKind:
    return IdKind.CITIZEN_ID if kind == "person" else IdKind.CREDIT_CODE


def normalised_id(kind: str, value: str) -> str:
    return normalise_id(_id_kind(kind), value or "")


def throttle_key(id_number: str) -> str:
    """The login_attempts username of an applicant: a digest, so that the table holds no ID numbers, and a
    prefix that no staff username has."""
    return "applicant:" + hashlib.sha256(id_number.encode()).hexdigest()[:40]


def registration_problems(data: dict) -> dict[str, str]:
    """Field → what is wrong with it (empty when the registration data is acceptable, duplicates aside)."""
    kind = data.get("kind")
    if kind not in ACCOUNT_KINDS:
        return {"kind": "请选择个人或企业"}
    problems = {}
    person = kind == "person"
    name = (data.get("name") or "").strip()
    if not name:
        problems["name"] = "请填写姓名" if person else "请填写企业名称"
    elif len(name) > (50 if person else 200):
        problems["name"] = "名称过长"
    check = citizen_id_problem if person else credit_code_problem
    id_problem = check(data.get("id_number") or "")
    if id_problem:
        problems["id_number"] = id_problem
    if not PHONE.match((data.get("phone") or "").strip()):
        problems["phone"] = "请输入11位手机号或带区号的固定电话"
    if not person and not (data.get("contact_name") or "").strip():
        problems["contact_name"] = "请填写联系人姓名"
    password = data.get("password") or ""
    if not (PASSWORD_MIN <= len(password) <= PASSWORD_MAX) or not (
            re.search(r"[A-Za-z]", password) and re.search(r"\d", password)):
        problems["password"] = f"密码至少{PASSWORD_MIN}位，须同时包含字母和数字"
    elif password != data.get("password_again"):
        problems["password_again"] = "两次输入的密码不一致"
    return problems


def account_by_id_number(id_number: str) -> ApplicantAccount | None:
    return db.session.scalars(sa.select(ApplicantAccount).where(ApplicantAccount.id_number == id_number)).first()


def _add(account: ApplicantAccount) -> ApplicantAccount:
    """Insert in a savepoint: a concurrent registration of the same number is a 409, not a 500."""
    try:
        with db.session.begin_nested():
            db.session.add(account)
    except IntegrityError:
        raise Conflict(DUPLICATE, {"json": {"id_number": [DUPLICATE]}}) from None
    return account


def register(data: dict) -> ApplicantAccount:
    """A password account for a person or an enterprise; 422 naming the fields, 409 for a registered number."""
    problems = registration_problems(data)
    if problems:
        raise InvalidInput("请检查填写的信息", {"json": {field: [message] for field, message in problems.items()}})
    kind = data["kind"]
    id_number = normalised_id(kind, data["id_number"])
    if account_by_id_number(id_number) is not None:
        raise Conflict(DUPLICATE, {"json": {"id_number": [DUPLICATE]}})
    account = _add(ApplicantAccount(
        kind=kind, name=data["name"].strip(), id_number=id_number, phone=data["phone"].strip(),
        contact_name=(data.get("contact_name") or "").strip() or None if kind == "organisation" else None,
        password_hash=hash_password(data["password"]), active=True, created_at=utcnow()))
    logger.info("applicant account %s registered (%s)", account.id, kind)
    return account


def authenticate(id_number: str, password: str, remote_addr: str | None) -> tuple[ApplicantAccount | None, int]:
    """(account, 200), or (None, 401) for a wrong number or password, or (None, 429) while throttled. The
    attempt is recorded either way; the caller commits even on failure, so that failures count."""
    number = normalise_id(IdKind.CITIZEN_ID, id_number or "")[:18]
    key = throttle_key(number)
    if login_blocked(key, remote_addr):
        return None, 429
    account = account_by_id_number(number)
    usable = account is not None and account.active and account.password_hash
    matches = check_password(account.password_hash if usable else None, password)  # same cost either way
    succeeded = bool(usable and matches)
    record_login_attempt(key, remote_addr, succeeded=succeeded)
    if not succeeded:
        if account is not None:
            logger.info("failed applicant login for account %s", account.id)
        return None, 401
    if password_needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
    account.last_login_at = utcnow()
    return account, 200


def verified_identity(claims: dict, config) -> tuple[str, str]:
    """(kind, id_number) from the 统一身份认证 claims: a valid citizen ID number, else a valid credit code."""
    citizen = claims.get(config["APPLICANT_OIDC_ID_NUMBER_CLAIM"])
    if isinstance(citizen, str) and citizen_id_problem(citizen) is None:
        return "person", normalised_id("person", citizen)
    code = claims.get(config["APPLICANT_OIDC_CREDIT_CODE_CLAIM"])
    if isinstance(code, str) and credit_code_problem(code) is None:
        return "organisation", normalised_id("organisation", code)
    raise InvalidInput("统一身份认证未提供有效的身份证号码或统一社会信用代码")


def _claim(claims: dict, name: str, limit: int) -> str:
    value = claims.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def oidc_account(subject: str, claims: dict, config) -> ApplicantAccount:
    """The account of a 统一身份认证 login: the one linked to this subject, else the one registered with the
    verified number (now linked), else a new account without a password."""
    kind, id_number = verified_identity(claims, config)
    account = db.session.scalars(sa.select(ApplicantAccount).where(ApplicantAccount.oidc_subject == subject)).first()
    if account is not None and account.id_number != id_number:
        raise Conflict("统一身份认证返回的证件号码与已关联的账号不一致，请联系平台客服")
    account = account or account_by_id_number(id_number)
    person_name = _claim(claims, config["APPLICANT_OIDC_NAME_CLAIM"], 100)
    name = person_name if kind == "person" else _claim(claims, config["APPLICANT_OIDC_ORG_NAME_CLAIM"], 200)
    phone = _claim(claims, config["APPLICANT_OIDC_PHONE_CLAIM"], 20)
    if account is None:
        account = _add(ApplicantAccount(kind=kind, name=name or id_number, id_number=id_number,
                                        phone=phone, contact_name=person_name or None if kind != "person" else None,
                                        active=True, created_at=utcnow()))
        logger.info("applicant account %s made by a 统一身份认证 login (%s)", account.id, kind)
    elif not account.active:
        raise Conflict("该账号已停用")
    account.oidc_subject = subject
    if name:
        account.name = name  # the real-name verified name wins over what was typed at registration
    if phone and PHONE.match(phone):
        account.phone = phone
    account.verified_at = account.last_login_at = utcnow()
    db.session.flush()
    return account

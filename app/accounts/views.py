from flask import request
from flask_smorest import Blueprint

from app.errors import TooManyRequests, Unauthorized
from app.extensions import db
from app.transaction import transactional

from .auth import BEARER_SECURITY, _bearer_token, current_user, login_required
from .schemas import TokenRequestSchema, TokenSchema, UserSchema
from .services import authenticate, issue_token, login_blocked, record_login_attempt, revoke_token

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="登录与令牌")


@blp.post("/token")
@blp.arguments(TokenRequestSchema)
@blp.response(201, TokenSchema)
@blp.alt_response(401, description="用户名或密码错误")
@blp.alt_response(429, description="登录失败次数过多，请稍后再试")
@transactional
def create_token(credentials):
    """登录：用户名和密码换取访问令牌（Bearer）；连续失败过多时暂时拒绝"""
    username, address = credentials["username"], request.remote_addr
    if login_blocked(username, address):
        raise TooManyRequests("登录失败次数过多，请15分钟后再试")
    user = authenticate(username, credentials["password"])
    if user is None:
        record_login_attempt(username, address, succeeded=False)
        db.session.commit()  # the failure must count even though this request ends in an error
        raise Unauthorized("用户名或密码错误")
    record_login_attempt(username, address, succeeded=True)
    token, record = issue_token(user)
    return {"token": token, "token_type": "Bearer", "expires_at": record.expires_at, "user": user}


@blp.delete("/token")
@blp.response(204)
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def delete_token():
    """退出登录：吊销当前令牌"""
    revoke_token(_bearer_token())


@blp.get("/me")
@blp.response(200, UserSchema)
@blp.doc(security=BEARER_SECURITY)
@login_required
def me():
    """当前用户及其候选组"""
    return current_user()

"""A per-address limit on public 咨询/投诉 submissions (PUBLIC_FEEDBACK_SUBMISSIONS per
PUBLIC_FEEDBACK_WINDOW_SECONDS), kept in app.progress.throttle's table so that it holds across processes: one
address cannot flood the desk, and every other address is still heard. Only accepted submissions count."""
from flask import current_app

from app.errors import TooManyRequests
from app.progress.throttle import public_submissions, record_public_submission

SUBJECT = "feedback:submitted"
#: %-formatted with ``limit`` and ``minutes``; the portal translates it with the same numbers
MESSAGE = "同一网络地址%(minutes)d分钟内最多提交%(limit)d件咨询或投诉，请稍后再试"


def submission_limit() -> dict:
    config = current_app.config
    return {"limit": config["PUBLIC_FEEDBACK_SUBMISSIONS"],
            "minutes": max(1, config["PUBLIC_FEEDBACK_WINDOW_SECONDS"] // 60)}


def guard_submission(remote_addr: str | None) -> None:
    """429 naming the limit once the address made the allowed number of submissions within the window."""
    config = current_app.config
    made = public_submissions(remote_addr, SUBJECT, config["PUBLIC_FEEDBACK_WINDOW_SECONDS"])
    if made >= config["PUBLIC_FEEDBACK_SUBMISSIONS"]:
        raise TooManyRequests(MESSAGE % submission_limit())


def record_submission(remote_addr: str | None) -> None:
    record_public_submission(remote_addr, SUBJECT)

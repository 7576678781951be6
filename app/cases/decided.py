"""The "case decided" event (准予 / 不予许可): packages that act on a decision subscribe here instead of the
lifecycle importing them (app.documents issues the decision document). Handlers run inside the deciding
transaction, with the case locked, after the ``case.decided`` history event; they flush, never commit."""
import logging

logger = logging.getLogger(__name__)

_handlers: list = []


def subscribe(handler):
    """Register ``handler(case, actor, outcome)``; registering the same handler twice is a no-op."""
    if handler not in _handlers:
        _handlers.append(handler)
    return handler


def publish(case, actor, outcome: str) -> None:
    for handler in _handlers:
        handler(case, actor, outcome)

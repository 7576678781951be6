"""Registration of the portal's page blueprints and the globals every portal template uses."""
import logging

from flask import Flask, current_app, request

from app.themes import portal as themes
from app.web import select_locale

from . import applicant, apply, disclosure, feedback, home, progress, rate, services, verify
from .accounts import views as accounts
from .accounts.session import account_box_context
from .navigation import SECTIONS, current_section

logger = logging.getLogger(__name__)

#: the portal's page modules, each with a ``bp`` (a page_blueprint whose name starts with "portal")
MODULES = (home, services, disclosure, progress, verify, rate, feedback, accounts, apply, applicant, themes)


def init_portal(app: Flask) -> None:
    for module in MODULES:
        app.register_blueprint(module.bp)
    app.context_processor(account_box_context)  # 我的办事 box in the header of every portal page

    @app.context_processor
    def _portal_globals():
        if not (request.blueprint or "").startswith("portal"):
            return {}
        return {"portal_sections": SECTIONS, "portal_section": current_section(request.path),
                "portal_name": current_app.config["PORTAL_NAME_EN" if select_locale() == "en" else "PORTAL_NAME"],
                "portal_hotline": current_app.config["PORTAL_HOTLINE"]}

    logger.debug("portal pages registered")

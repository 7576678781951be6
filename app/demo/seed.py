"""Idempotent creation of the demo organisation, users, catalogue and process definitions."""
import logging
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from app.accounts.models import User
from app.accounts.services import hash_password
from app.calendar.provisional import load_override_file
from app.catalogue.models import ItemCoDepartment, ItemMaterial, ServiceItem
from app.extensions import db
from app.forms.files import load_form_files
from app.organisation.models import Department, ServiceCentre, Window
from app.workflow import deploy_directory

from . import data

logger = logging.getLogger(__name__)


def seed_demo(password: str = data.DEMO_PASSWORD, calendar_file: str | None = "calendar_overrides.toml") -> bool:
    """Create the demo data unless the centre exists; always (re)deploy the BPMN files and add the calendar
    adjustments of ``rules/<calendar_file>`` that are missing. Returns whether the organisation was created.
    Flushes, never commits."""
    deploy_directory(current_app.config["BPMN_DIR"], current_app.config["RULES_DIR"], deployed_by="seed-demo")
    if calendar_file:
        load_override_file(Path(current_app.config["RULES_DIR"]) / calendar_file)
    if db.session.scalars(sa.select(ServiceCentre).where(ServiceCentre.code == data.CENTRE["code"])).first():
        return False
    centre = ServiceCentre(**data.CENTRE)
    db.session.add(centre)
    windows = {w["code"]: Window(centre=centre, **w) for w in data.WINDOWS}
    departments = {d["code"]: Department(**d) for d in data.DEPARTMENTS}
    db.session.add_all([*windows.values(), *departments.values()])
    password_hash = hash_password(password)
    for username, display_name, role, department, window in data.USERS:
        db.session.add(User(
            username=username, display_name=display_name, role=role, password_hash=password_hash,
            department=departments.get(department), window=windows.get(window),
        ))
    items = []
    for spec in data.ITEMS:
        spec = dict(spec)
        materials = spec.pop("materials")
        co_departments = spec.pop("co_departments")
        item = ServiceItem(**{**spec, "department": departments[spec["department"]]}, status="published", version=1)
        item.materials = [ItemMaterial(position=i, **m) for i, m in enumerate(materials)]
        item.co_departments = [
            ItemCoDepartment(department=departments[code], position=i) for i, code in enumerate(co_departments)
        ]
        db.session.add(item)
        items.append(item)
    load_form_files(items, Path(current_app.config["RULES_DIR"]) / "forms")  # 一表申请 and 情形材料
    db.session.flush()
    logger.info("demo data created: %d users, %d items", len(data.USERS), len(data.ITEMS))
    return True

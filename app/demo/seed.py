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
from app.network.models import Department, Region, Sector, ServiceCentre, Window, WindowKind, scope_prefix_of
from app.workflow import deploy_directory

from . import data
from .network_flows import ensure_network_demo

logger = logging.getLogger(__name__)


def ensure_reference_data() -> None:
    """Sectors and window kinds (the migration seeds them; a wiped database gets them back here)."""
    for code, name, position in data.SECTORS:
        if db.session.get(Sector, code) is None:
            db.session.add(Sector(code=code, name=name, position=position))
    for code, name, accepts in data.WINDOW_KINDS:
        if db.session.get(WindowKind, code) is None:
            db.session.add(WindowKind(code=code, name=name, accepts=accepts))
    db.session.flush()


def ensure_region(code: str, name: str, level: str, parent: Region | None = None) -> Region:
    region = db.session.scalars(sa.select(Region).where(Region.code == code)).first()
    if region is None:
        region = Region(code=code, name=name, level=level, parent=parent, scope_prefix=scope_prefix_of(code))
        db.session.add(region)
        db.session.flush()
    return region


def seed_demo(password: str = data.DEMO_PASSWORD, calendar_file: str | None = "calendar_overrides.toml") -> bool:
    """Create the demo data unless the centre exists; always (re)deploy the BPMN files and add the calendar
    adjustments of ``rules/<calendar_file>`` that are missing. Returns whether the organisation was created.
    Flushes, never commits."""
    deploy_directory(current_app.config["BPMN_DIR"], current_app.config["RULES_DIR"], deployed_by="seed-demo")
    if calendar_file:
        load_override_file(Path(current_app.config["RULES_DIR"]) / calendar_file)
    ensure_reference_data()
    if db.session.scalars(sa.select(ServiceCentre).where(ServiceCentre.code == data.CENTRE["code"])).first():
        return False
    city = ensure_region(**data.CITY)
    centre = ServiceCentre(region=city, **data.CENTRE)
    db.session.add(centre)
    windows = {w["code"]: Window(centre=centre, kind="comprehensive", **w) for w in data.WINDOWS}
    departments = {d["code"]: Department(region=city, **d) for d in data.DEPARTMENTS}
    db.session.add_all([*windows.values(), *departments.values()])
    password_hash = hash_password(password)
    for username, display_name, role, department, window in data.USERS:
        db.session.add(User(
            username=username, display_name=display_name, role=role, password_hash=password_hash,
            department=departments.get(department), window=windows.get(window),
            region=city if department is None and window is None else None,
        ))
    for spec in data.ITEMS:
        spec = dict(spec)
        materials = spec.pop("materials")
        co_departments = spec.pop("co_departments")
        item = ServiceItem(**{**spec, "department": departments[spec["department"]]}, region=city,
                           status="published", version=1)
        item.materials = [ItemMaterial(position=i, **m) for i, m in enumerate(materials)]
        item.co_departments = [
            ItemCoDepartment(department=departments[code], position=i) for i, code in enumerate(co_departments)
        ]
        db.session.add(item)
    db.session.flush()
    ensure_network_demo(password_hash)  # districts, street, community, 全科窗口, claims, 代办 (issue 11)
    logger.info("demo data created: %d users, %d items", len(data.USERS), len(data.ITEMS))
    return True

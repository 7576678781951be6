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
from app.themes.online import load_theme_files, themes_dir
from app.network.models import Department, Region, Sector, ServiceCentre, Window, WindowKind, scope_prefix_of
from app.decisions.services import seed_from_files as seed_decisions
from app.workflow import deploy_directory

from . import data
from .network import seed_network

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


def _one(model, **where):
    return db.session.scalars(sa.select(model).filter_by(**where)).first()


def _city(password_hash: str) -> bool:
    """The city centre, its sector windows, departments, users and catalogue — each row only if missing.
    Returns whether the centre was created."""
    city = ensure_region(**data.CITY)
    centre = _one(ServiceCentre, code=data.CENTRE["code"])
    created = centre is None
    if created:
        centre = ServiceCentre(region=city, **data.CENTRE)
        db.session.add(centre)
    windows = {w["code"]: _one(Window, code=w["code"]) or Window(centre=centre, kind="comprehensive", **w)
               for w in data.WINDOWS}
    departments = {d["code"]: _one(Department, code=d["code"]) or Department(region=city, **d)
                   for d in data.DEPARTMENTS}
    db.session.add_all([*windows.values(), *departments.values()])
    for username, display_name, role, department, window in data.USERS:
        if _one(User, username=username) is None:
            db.session.add(User(
                username=username, display_name=display_name, role=role, password_hash=password_hash,
                department=departments.get(department), window=windows.get(window),
                region=city if department is None and window is None else None,
            ))
    db.session.flush()
    items = []
    for spec in data.ITEMS:
        if _one(ServiceItem, code=spec["code"]) is not None:  # any version: never overwrite newer data
            continue
        spec = dict(spec)
        materials = spec.pop("materials")
        co_departments = spec.pop("co_departments")
        samples = spec.pop("samples", {})
        item = ServiceItem(**{**spec, "department": departments[spec["department"]]}, region=city,
                           status="published", version=1)
        item.materials = [ItemMaterial(position=i, sample_url=samples.get(m["code"]), **m)
                          for i, m in enumerate(materials)]
        item.co_departments = [
            ItemCoDepartment(department=departments[code], position=i) for i, code in enumerate(co_departments)
        ]
        db.session.add(item)
        items.append(item)
    load_form_files(items, Path(current_app.config["RULES_DIR"]) / "forms")  # 一表申请 and 情形材料
    db.session.flush()
    return created


def seed_demo(password: str = data.DEMO_PASSWORD, calendar_file: str | None = "calendar_overrides.toml",
              keep_people_versions: bool = True) -> bool:
    """Add what is missing of the demo data (the city centre and catalogue, then the network of districts,
    street and community: app.demo.network); rows that exist are left as they are. (Re)deploys the shipped
    BPMN files except where a person deployed a newer version of a process in them, and adds the calendar
    adjustments of ``rules/<calendar_file>`` that are missing. Returns whether the city centre was created.
    ``keep_people_versions=False`` (the test fixture) deploys the shipped files over them.
    Flushes, never commits."""
    deploy_directory(current_app.config["BPMN_DIR"], current_app.config["RULES_DIR"], deployed_by="seed-demo",
                     keep_others=keep_people_versions)
    seed_decisions(current_app.config["RULES_DIR"])  # rules/*.dmn, never over a person's newer version
    if calendar_file:
        load_override_file(Path(current_app.config["RULES_DIR"]) / calendar_file)
    ensure_reference_data()
    password_hash = hash_password(password)
    created = _city(password_hash)
    seed_network(password_hash)
    # 一件事 (rules/themes/): published through the review, by the 行政审批局's reviewer
    load_theme_files(themes_dir(), _one(User, username="xzspj_approver"))
    logger.info("demo data %s", "created" if created else "completed where missing")
    return created

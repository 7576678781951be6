"""Candidate groups of window staff. The BPMN files name ``window:${sector}``; a clerk belongs to
``window:<centre_code>:<sector>`` for every sector its window accepts, and the task projection and the
notifications qualify a single-segment window group with the case's receiving centre, so issuance and
returns come back to the centre that accepted the case."""
import sqlalchemy as sa

from app.extensions import db

from .models import Sector

WINDOW_PREFIX = "window"


def window_group(centre_code: str, sector: str) -> str:
    return f"{WINDOW_PREFIX}:{centre_code}:{sector}"


def all_sector_codes() -> list[str]:
    return list(db.session.scalars(sa.select(Sector.code).order_by(Sector.position, Sector.code)))


def accepted_sectors(window) -> list[str]:
    """Sector codes a window accepts: its own, or every sector for a 全科窗口."""
    if window.accepts_all:
        return all_sector_codes()
    return [window.sector] if window.sector else []


def clerk_groups(window) -> set[str]:
    if not window.active:
        return set()
    return {window_group(window.centre.code, sector) for sector in accepted_sectors(window)}


def qualify_group(group: str, centre_code: str | None) -> str:
    """``window:commerce`` → ``window:<centre_code>:commerce``; any other group is returned unchanged."""
    prefix, sep, rest = group.partition(":")
    if prefix != WINDOW_PREFIX or not sep or ":" in rest or not centre_code:
        return group
    return window_group(centre_code, rest)


def qualify_groups(groups, case) -> list[str]:
    """The case's groups with its window groups bound to its receiving centre."""
    centre = getattr(case, "receiving_centre", None)
    code = centre.code if centre is not None else None
    return sorted({qualify_group(g, code) for g in groups})

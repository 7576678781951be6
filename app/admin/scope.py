"""Whom an administrator manages. An admin whose scope region is a city (or a province, or who has none)
manages everything; an admin of a district (street …) manages only records inside that region: a region
strictly below it, and centres, departments, windows and staff whose region lies inside it."""
from app.errors import Forbidden

CITY_LEVELS = ("province", "city")


def admin_region(admin):
    return admin.scope_region


def is_city_admin(admin) -> bool:
    region = admin_region(admin)
    return region is None or region.level in CITY_LEVELS


def scope_prefix(admin) -> str | None:
    """The code prefix of what the admin manages; None: everything."""
    region = admin_region(admin)
    return None if is_city_admin(admin) else region.scope_prefix


def manages_code(admin, code: str | None) -> bool:
    prefix = scope_prefix(admin)
    return prefix is None or bool(code) and code.startswith(prefix)


def require_code(admin, code: str | None) -> None:
    if not manages_code(admin, code):
        raise Forbidden("超出本管理员的管辖区域")


def require_region_edit(admin, region) -> None:
    """A district admin edits the regions below its own, not its own record (that belongs to the city)."""
    require_code(admin, region.code)
    own = admin_region(admin)
    if not is_city_admin(admin) and own is not None and own.id == region.id:
        raise Forbidden("本级区划由上级管理员维护")


def require_city_admin(admin) -> None:
    if not is_city_admin(admin):
        raise Forbidden("板块和窗口类型由市级管理员维护")

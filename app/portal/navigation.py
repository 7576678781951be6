"""The portal's top navigation: one entry per public section, in the order citizens look for them. Paths,
not endpoints, so that a section's blueprint can be added without touching the template."""
from flask_babel import lazy_gettext as _l

#: (path, label, test id); the home page is "/"
SECTIONS = (
    ("/", _l("首页"), "nav-home"),
    ("/services", _l("办事指南"), "nav-services"),
    ("/themes", _l("一件事"), "nav-themes"),
    ("/progress", _l("办件查询"), "nav-progress"),
    ("/verify", _l("证照核验"), "nav-verify"),
    ("/disclosure", _l("办件公示"), "nav-disclosure"),
    ("/rate", _l("好差评"), "nav-rate"),
    ("/feedback", _l("咨询投诉"), "nav-feedback"),
    ("/my", _l("我的办事"), "nav-my"),
)


def current_section(path: str) -> str:
    """The section a path belongs to (longest matching prefix), for highlighting the menu."""
    best = "/"
    for prefix, _label, _testid in SECTIONS:
        if prefix != "/" and (path == prefix or path.startswith(prefix + "/")) and len(prefix) > len(best):
            best = prefix
    return best

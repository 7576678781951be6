"""网上办事大厅: the public portal for citizens and enterprises (no staff login) — home and catalogue, 办事指南,
办件查询, 证照核验, 办件公示, 好差评, 咨询投诉 and the applicants' own accounts (我的办事).

Every portal page extends ``portal/base.html`` (mobile first, works at 375 px) and is registered from
``app.portal.pages``; the sections of the top navigation are data in ``navigation.py``. The pages call the
same services as the public API; nothing here decides a business rule."""

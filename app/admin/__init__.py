"""机构管理: the administrator's API and services for the service network (regions, sectors, window kinds,
centres, windows, departments) and its staff accounts, every change recorded in ``admin_audit``."""

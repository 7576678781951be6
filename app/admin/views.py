"""/api/v1/admin: the service network (regions, sectors, window kinds, centres, windows, departments) and the
audit trail. Role admin only; a district admin's lists and changes stay inside its district."""
from flask_smorest import Blueprint

from app.accounts.auth import current_user

from . import audit, services
from .paging import PageQuerySchema, page_schema, paginate
from .routing import admin_routes
from .schemas import (
    AuditEntrySchema, AuditQuerySchema, CentreCreateSchema, CentreQuerySchema, CentreSchema, CentreUpdateSchema,
    DepartmentCreateSchema, DepartmentQuerySchema, DepartmentSchema, DepartmentUpdateSchema, RegionCreateSchema,
    RegionQuerySchema, RegionSchema, RegionTreeSchema, RegionUpdateSchema, SectorSchema, SectorUpdateSchema,
    WindowCreateSchema, WindowKindSchema, WindowKindUpdateSchema, WindowQuerySchema, WindowSchema,
    WindowUpdateSchema,
)

blp = Blueprint("admin", __name__, url_prefix="/api/v1/admin",
                description="机构管理：区划、板块、窗口类型、服务中心、窗口、部门及操作审计（系统管理员）")

admin_route = admin_routes(blp)


def _page(query, args):
    return paginate(query, args["page"], args["per_page"])


# --- regions -------------------------------------------------------------------------------------------
@admin_route("get", "/regions", RegionQuerySchema, "query", page_schema(RegionSchema))
def list_regions(args):
    """区划列表（分页、按代码或名称搜索，可按上级和层级筛选）"""
    return _page(services.region_query(current_user(), args["q"], args.get("parent_id"), args.get("level")), args)


@admin_route("get", "/regions/tree", response=RegionTreeSchema(many=True))
def region_tree():
    """本管理员管辖的区划树"""
    return services.region_tree(current_user())


@admin_route("post", "/regions", RegionCreateSchema, response=RegionSchema, status=201)
def create_region(data):
    """新增区划：代码长度与层级相符，并以上级区划的代码前缀开头"""
    return services.create_region(current_user(), **data)


@admin_route("get", "/regions/<int:region_id>", response=RegionSchema)
def get_region(region_id):
    """区划详情"""
    return services.get_region(current_user(), region_id)


@admin_route("patch", "/regions/<int:region_id>", RegionUpdateSchema, response=RegionSchema)
def update_region(data, region_id):
    """区划更名、停用（active=false，须先停用下级）或重新启用"""
    return services.update_region(current_user(), region_id, data)


# --- sectors, window kinds -----------------------------------------------------------------------------
@admin_route("get", "/sectors", PageQuerySchema, "query", page_schema(SectorSchema))
def list_sectors(args):
    """板块列表（分页、搜索）"""
    return _page(services.sector_query(args["q"]), args)


@admin_route("post", "/sectors", SectorSchema, response=SectorSchema, status=201)
def create_sector(data):
    """新增板块（市级管理员）"""
    return services.create_sector(current_user(), **data)


@admin_route("patch", "/sectors/<string:code>", SectorUpdateSchema, response=SectorSchema)
def update_sector(data, code):
    """修改板块名称或排序（市级管理员）"""
    return services.update_sector(current_user(), code, data)


@admin_route("get", "/window-kinds", PageQuerySchema, "query", page_schema(WindowKindSchema))
def list_window_kinds(args):
    """窗口类型列表（综合窗口、专业综合窗口、全科窗口…；分页、搜索）"""
    return _page(services.window_kind_query(args["q"]), args)


@admin_route("post", "/window-kinds", WindowKindSchema, response=WindowKindSchema, status=201)
def create_window_kind(data):
    """新增窗口类型（市级管理员）"""
    return services.create_window_kind(current_user(), **data)


@admin_route("patch", "/window-kinds/<string:code>", WindowKindUpdateSchema, response=WindowKindSchema)
def update_window_kind(data, code):
    """修改窗口类型（市级管理员）"""
    return services.update_window_kind(current_user(), code, data)


# --- centres -------------------------------------------------------------------------------------------
@admin_route("get", "/centres", CentreQuerySchema, "query", page_schema(CentreSchema))
def list_centres(args):
    """服务中心列表（分页、搜索，可按区划和类型筛选）"""
    return _page(services.centre_query(current_user(), args["q"], args.get("region_id"), args.get("kind")), args)


@admin_route("post", "/centres", CentreCreateSchema, response=CentreSchema, status=201)
def create_centre(data):
    """新增服务中心：类型与区划层级相符，分中心须有所属中心"""
    return services.create_centre(current_user(), data)


@admin_route("get", "/centres/<int:centre_id>", response=CentreSchema)
def get_centre(centre_id):
    """服务中心详情"""
    return services.get_centre(current_user(), centre_id)


@admin_route("patch", "/centres/<int:centre_id>", CentreUpdateSchema, response=CentreSchema)
def update_centre(data, centre_id):
    """修改服务中心（名称、类型、所属中心、地址、电话、办公时间）"""
    return services.update_centre(current_user(), centre_id, data)


# --- windows -------------------------------------------------------------------------------------------
@admin_route("get", "/windows", WindowQuerySchema, "query", page_schema(WindowSchema))
def list_windows(args):
    """窗口列表（分页、搜索，可按中心筛选）"""
    return _page(services.window_query(current_user(), args["q"], args.get("centre_id")), args)


@admin_route("post", "/windows", WindowCreateSchema, response=WindowSchema, status=201)
def create_window(data):
    """新增窗口：板块必填，受理全部事项的窗口类型（全科窗口）除外"""
    return services.create_window(current_user(), data)


@admin_route("patch", "/windows/<int:window_id>", WindowUpdateSchema, response=WindowSchema)
def update_window(data, window_id):
    """修改窗口（名称、类型、板块、停用）"""
    return services.update_window(current_user(), window_id, data)


# --- departments ---------------------------------------------------------------------------------------
@admin_route("get", "/departments", DepartmentQuerySchema, "query", page_schema(DepartmentSchema))
def list_departments(args):
    """部门列表（分页、搜索，可按区划筛选）"""
    return _page(services.department_query(current_user(), args["q"], args.get("region_id")), args)


@admin_route("post", "/departments", DepartmentCreateSchema, response=DepartmentSchema, status=201)
def create_department(data):
    """新增部门：统一社会信用代码按 GB 32100 校验；可指定事项审核职能"""
    return services.create_department(current_user(), data)


@admin_route("get", "/departments/<int:department_id>", response=DepartmentSchema)
def get_department(department_id):
    """部门详情"""
    return services.get_department(current_user(), department_id)


@admin_route("patch", "/departments/<int:department_id>", DepartmentUpdateSchema, response=DepartmentSchema)
def update_department(data, department_id):
    """修改部门（名称、简称、统一社会信用代码、事项审核职能）"""
    return services.update_department(current_user(), department_id, data)


# --- audit ---------------------------------------------------------------------------------------------
@admin_route("get", "/audit", AuditQuerySchema, "query", page_schema(AuditEntrySchema))
def list_audit(args):
    """管理操作审计（谁、何时、做了什么、修改前后；不含密码）"""
    return _page(audit.audit_query(current_user(), args.get("entity_type"), args.get("entity_key")), args)

"""/api/v1/admin/users: staff accounts (role admin; a district admin manages its district's staff)."""
from flask_smorest import Blueprint

from app.accounts.auth import current_user

from . import staff
from .paging import page_schema, paginate
from .staff_schemas import PasswordResetSchema, StaffCreateSchema, StaffQuerySchema, StaffSchema, StaffUpdateSchema
from .routing import admin_routes

blp = Blueprint("admin_staff", __name__, url_prefix="/api/v1/admin",
                description="工作人员账号：创建、修改、停用、重置密码（系统管理员）")
admin_route = admin_routes(blp)


@admin_route("get", "/users", StaffQuerySchema, "query", page_schema(StaffSchema))
def list_staff(args):
    """工作人员列表（分页、按用户名或姓名搜索，可按角色、部门、窗口、中心、状态筛选）"""
    filters = {k: args.get(k) for k in ("role", "department_id", "window_id", "centre_id", "active")}
    return paginate(staff.staff_query(current_user(), args["q"], **filters), args["page"], args["per_page"])


@admin_route("post", "/users", StaffCreateSchema, response=StaffSchema, status=201)
def create_staff(data):
    """新增工作人员：按角色指定部门、窗口、管辖区域或服务站；密码加密保存，永不返回"""
    return staff.create_staff(current_user(), data)


@admin_route("get", "/users/<int:user_id>", response=StaffSchema)
def get_staff(user_id):
    """工作人员详情（含候选组）"""
    return staff.get_staff(current_user(), user_id)


@admin_route("patch", "/users/<int:user_id>", StaffUpdateSchema, response=StaffSchema)
def update_staff(data, user_id):
    """修改工作人员（姓名、角色及其归属）或停用（active=false，同时吊销其令牌）"""
    return staff.update_staff(current_user(), user_id, data)


@admin_route("post", "/users/<int:user_id>/password", PasswordResetSchema, status=204)
def reset_password(data, user_id):
    """重置密码（吊销其现有令牌）"""
    staff.reset_password(current_user(), user_id, data["password"])

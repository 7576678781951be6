from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, login_required
from app.transaction import transactional

from . import services
from .schemas import TaskCompletionSchema, TaskQuerySchema, TaskSchema

blp = Blueprint("tasks", __name__, url_prefix="/api/v1/tasks", description="待办任务（后台分类审批）")


@blp.get("")
@blp.arguments(TaskQuerySchema, location="query")
@blp.response(200, TaskSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@login_required
def list_tasks(args):
    """我的待办：本部门/本岗位候选组或指派给我的任务"""
    return services.tasks_for(current_user(), **args)


@blp.post("/<string:task_id>/complete")
@blp.arguments(TaskCompletionSchema)
@blp.response(200, TaskSchema)
@blp.alt_response(403, description="任务不属于当前用户的部门或岗位")
@blp.alt_response(409, description="任务已办理或已不在待办状态")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def complete(payload, task_id):
    """办理任务：通过 / 不予许可 / 退回，附审批意见"""
    return services.complete_task(current_user(), task_id, payload)

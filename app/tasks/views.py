from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, login_required
from app.transaction import transactional

from . import delegation, operations, services
from .schemas import (
    ReturnableStepSchema,
    TaskCompletionSchema,
    TaskDelegateSchema,
    TaskQuerySchema,
    TaskReturnSchema,
    TaskSchema,
    TaskSignSchema,
    TaskTransferSchema,
    TaskWithdrawSchema,
)

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


@blp.post("/<string:task_id>/transfer")
@blp.arguments(TaskTransferSchema)
@blp.response(200, TaskSchema)
@blp.alt_response(403, description="任务不属于当前用户的部门或岗位")
@blp.alt_response(409, description="任务已办理或已不在待办状态")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def transfer(payload, task_id):
    """转办：把待办任务交给同部门同岗位的另一位人员；此后只有接收人（及管理员）可以办理"""
    return operations.transfer(current_user(), task_id, payload["to_user"], payload.get("opinion"))


@blp.get("/<string:task_id>/returnable-steps")
@blp.response(200, ReturnableStepSchema(many=True))
@blp.alt_response(403, description="任务不属于当前用户的部门或岗位")
@blp.doc(security=BEARER_SECURITY)
@login_required
def returnable_steps(task_id):
    """可退回的环节：本办件此前已办理、且退回后不会破坏并行会签汇合的后台环节（不含窗口受理）"""
    return operations.returnable_steps(current_user(), task_id)


@blp.post("/<string:task_id>/return")
@blp.arguments(TaskReturnSchema)
@blp.response(200, TaskSchema)
@blp.alt_response(403, description="任务不属于当前用户的部门或岗位")
@blp.alt_response(409, description="任务已办理或已不在待办状态")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def return_to_step(payload, task_id):
    """退回到任一已办环节（须填写理由）；其后产生的任务全部取消，目标环节重新待办。
    不能退回到窗口受理环节，也不能退回到会签实例或退回后留下未汇合的并行分支"""
    return operations.return_to_step(current_user(), task_id, payload["to_step"], payload.get("opinion"))


@blp.post("/<string:task_id>/withdraw")
@blp.arguments(TaskWithdrawSchema)
@blp.response(200, TaskSchema)
@blp.alt_response(403, description="只有办理该任务的人员可以撤回")
@blp.alt_response(409, description="下一环节已办理、已作出决定或流程已结束")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def withdraw(payload, task_id):
    """撤回：办理人在下一环节尚未办理前收回已办理的任务（task_id 为已办理的任务），任务重新待办"""
    return operations.withdraw(current_user(), task_id, payload.get("opinion"))


@blp.post("/<string:task_id>/delegate")
@blp.arguments(TaskDelegateSchema)
@blp.response(200, TaskSchema)
@blp.alt_response(403, description="任务不属于当前用户的部门或岗位")
@blp.alt_response(409, description="任务已办理、已委派或办件已挂起")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def delegate(payload, task_id):
    """委派：请本部门同事提出意见；受托人通过 /complete 回复意见（不推进流程），任务回到委派人继续办理"""
    return delegation.delegate(current_user(), task_id, payload["to_user"], payload.get("opinion"))


@blp.post("/<string:task_id>/add-signer")
@blp.arguments(TaskDelegateSchema)
@blp.response(200, TaskSchema)
@blp.alt_response(403, description="任务不属于当前用户的部门或岗位")
@blp.alt_response(409, description="任务已办理、已是加签人或办件已挂起")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def add_signer(payload, task_id):
    """加签：增加须签署意见的人员；全部加签人签署前任务不能办理"""
    return delegation.add_signer(current_user(), task_id, payload["to_user"], payload.get("opinion"))


@blp.post("/<string:task_id>/sign")
@blp.arguments(TaskSignSchema)
@blp.response(200, TaskSchema)
@blp.alt_response(403, description="当前用户不是该任务的加签人")
@blp.alt_response(409, description="已签署或任务已不在待办状态")
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def sign(payload, task_id):
    """加签签署：加签人填写意见"""
    return delegation.sign(current_user(), task_id, payload["opinion"])

"""Who approves the deployment of a process draft: an approver or head of a department that is the 行政审批
office (``departments.review_authority == "approval_office"``, as for item versions in app/catalogue/review.py),
never the person who edited or submitted the draft. IT roles are never reviewers."""
from app.catalogue.review import REVIEWER_ROLES
from app.errors import Forbidden

#: the review authority that approves process deployments
PROCESS_AUTHORITY = "approval_office"


def is_process_reviewer(actor) -> bool:
    department = actor.department
    return (actor.role in REVIEWER_ROLES and department is not None
            and department.review_authority == PROCESS_AUTHORITY)


def check_reviewer(draft, actor) -> None:
    if actor.username in {draft.created_by, draft.updated_by, draft.submitted_by}:
        raise Forbidden("设计人不能审核自己编制或提交的流程版本，请由另一位审核人审核")
    if not is_process_reviewer(actor):
        raise Forbidden("流程版本的部署须由行政审批局的审批人或负责人审核")

"""OpenAPI links between operations (data): what a client can do next with a case or task it just got, so
that readers of the document — and the stateful fuzzer in tests/fuzz — can follow a case through its life.

An apispec plugin adds each link to the response of its operation when flask-smorest documents it."""
from apispec import BasePlugin

_CASE = "/api/v1/cases/{case_no}"
_TASK = "/api/v1/tasks/{task_id}"
_CASE_NO = {"case_no": "$response.body#/case_no"}
_FIRST_OPEN_TASK = {"task_id": "$response.body#/open_tasks/0/id"}

#: (path, method, status) → {link name: (target path, target method, parameters, description)}
LINKS = {
    ("/api/v1/cases", "post", "201"): {
        "GetCase": (_CASE, "get", _CASE_NO, "受理后的办件详情"),
        "Supplement": (f"{_CASE}/supplement", "post", _CASE_NO, "补正材料后继续受理审查"),
        "PauseClock": (f"{_CASE}/pauses", "post", _CASE_NO, "计时暂停（特别程序）"),
        "Extend": (f"{_CASE}/extension", "post", _CASE_NO, "延长审批"),
        "Urge": (f"{_CASE}/urge", "post", _CASE_NO, "催办"),
        "ListFiles": (f"{_CASE}/files", "get", _CASE_NO, "办件的电子材料"),
    },
    (_CASE, "get", "200"): {
        "CompleteOpenTask": (f"{_TASK}/complete", "post", _FIRST_OPEN_TASK, "办理当前环节"),
        "ReturnOpenTask": (f"{_TASK}/return", "post", _FIRST_OPEN_TASK, "退回到已办环节"),
        "Issue": (f"{_CASE}/issue", "post", _CASE_NO, "出件"),
    },
    ("/api/v1/tasks", "get", "200"): {
        "CompleteFirstTask": (f"{_TASK}/complete", "post", {"task_id": "$response.body#/0/id"}, "办理列表中的第一件"),
        "GetCaseOfFirstTask": (_CASE, "get", {"case_no": "$response.body#/0/case_no"}, "列表中第一件的办件"),
    },
}


def _operation_ref(path: str, method: str) -> str:
    pointer = path.replace("~", "~0").replace("/", "~1")
    return f"#/paths/{pointer}/{method}"


class LinksPlugin(BasePlugin):
    """Adds ``LINKS`` to the documented responses."""

    def operation_helper(self, path=None, operations=None, **kwargs):
        for method, operation in (operations or {}).items():
            for (link_path, link_method, status), links in LINKS.items():
                if link_path != path or link_method != method:
                    continue
                response = operation.setdefault("responses", {}).setdefault(status, {"description": ""})
                response["links"] = {
                    name: {"operationRef": _operation_ref(target, target_method), "parameters": parameters,
                           "description": description}
                    for name, (target, target_method, parameters, description) in links.items()
                }

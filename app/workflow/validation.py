"""Checking an uploaded BPMN file before it is deployed, with problems a modeler can show by element.

``validate_bpmn`` never raises for bad input: it returns a list of :class:`Problem` (empty = deployable).
It checks, in order: size; safe XML (no DTD/entities, via :func:`parse_xml`); our conventions on the
lxml tree (executable process, user task assignment/form/step/decisions, scripts, conditions and timer
expressions confined to the restricted environment and to known functions); then XSD + engine parse.
"""
import ast
import logging
import re
from dataclasses import dataclass

from RestrictedPython import compile_restricted_eval, compile_restricted_exec

from .parser import ProcessDefinitionError, build_parser, parse_process, parse_xml
from .script_limits import BoundedPolicy

logger = logging.getLogger(__name__)

MAX_BPMN_BYTES = 1024 * 1024
#: the forms the task pages know how to render (camunda:formKey); ``feedback``: the steps of a 咨询/投诉 record
#: (app/feedback, bpmn/feedback.bpmn), rendered on its own record page
FORM_KEYS = frozenset({"acceptance", "approval", "issuance", "escalation", "feedback"})
#: decisions an approval form can submit; ``redispatch`` is the window's decision after a step timed out
#: and was returned automatically (Task_TimeoutReturn in the shipped files)
APPROVAL_DECISIONS = frozenset({"approve", "reject", "return", "acknowledge", "redispatch"})
#: column limits of process_definitions (process_key, name)
MAX_PROCESS_ID = 100
MAX_PROCESS_NAME = 200
#: ids the engine uses for its own start/end specs (SPIFFWORKFLOW_NOTES §1)
RESERVED_IDS = frozenset({"Start", "End"})
#: module names that, called as ``os.system(...)``, betray an attempt to reach the host
FORBIDDEN_MODULES = frozenset({
    "os", "sys", "subprocess", "shutil", "socket", "builtins", "importlib", "pathlib", "io", "pickle",
    "ctypes", "signal", "threading", "multiprocessing", "requests", "urllib", "http",
})

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn"
_NS = {"bpmn": BPMN_NS, "camunda": CAMUNDA_NS}
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)\b")
_PLACEHOLDER = re.compile(r"\$\{\s*[A-Za-z_][\w.]*\s*\}")
#: the groups a case's task may go to: a window sector, or one of the department roles of a department
#: (a code or a placeholder); never ``role:…`` groups, which would let IT roles or supervisors decide
DEPARTMENT_ROLE_NAMES = ("handler", "reviewer", "approver", "head")
#: steps that are not case decisions: the 咨询投诉 desk (app/feedback) is the centre's supervisors
DESK_FORMS, DESK_GROUPS = frozenset({"feedback"}), frozenset({"role:supervisor"})
_DECIDING_GROUP = re.compile(r"^(window:\S+|[^:\s]+:(" + "|".join(DEPARTMENT_ROLE_NAMES) + r"))$")
_ISO_DURATION = re.compile(r"^(R\d*/)?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")


@dataclass(frozen=True)
class Context:
    """What the database knows that the file cannot: the real department codes, and whether an item using the
    process promises a time limit (then every approval step needs ``step_limit_days``)."""

    department_codes: frozenset = frozenset()
    needs_step_limits: bool = False


#: roles of the IT staff: a task they could complete would let them decide cases
IT_ROLES = ("designer", "admin")


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be deployed. ``element_id`` lets a modeler highlight the element."""

    element_id: str | None
    element_name: str | None
    message: str
    line: int | None = None


def validate_bpmn(xml_bytes: bytes, file_name: str, dmn_sources: dict, context: Context | None = None) -> list[Problem]:
    if len(xml_bytes) > MAX_BPMN_BYTES:
        return [Problem(None, None, f"文件大小 {len(xml_bytes)} 字节，超过 1 MiB 上限")]
    declaration = _DECLARATION.search(xml_bytes)
    if declaration:  # refused before lxml sees it: no external entity is read, no entity bomb expanded
        line = xml_bytes.count(b"\n", 0, declaration.start()) + 1
        return [Problem(None, None, "不允许 DTD/实体声明（<!DOCTYPE>、<!ENTITY>）：文件未被解析", line)]
    try:
        root = parse_xml(xml_bytes, file_name)
    except ProcessDefinitionError as exc:  # also refuses a DTD in an encoding the check above cannot see
        return [_from_definition_error(exc, None)]
    if root.tag != f"{{{BPMN_NS}}}definitions":
        return [Problem(None, None, "不是 BPMN 2.0 文件：根元素应为 bpmn:definitions", root.sourceline)]

    problems = _check_processes(root)
    problems += _check_reserved_ids(root)
    problems += _check_user_tasks(root)
    if context is not None:
        problems += _check_against(root, context)
    problems += _check_expressions(root)
    problems += _check_engine_parse(xml_bytes, file_name, dmn_sources, root, problems)
    return _unique(problems)


# -- structure --------------------------------------------------------------------------------------
def _check_processes(root) -> list[Problem]:
    processes = root.findall("bpmn:process", _NS)
    if not processes:
        return [Problem(None, None, "文件中没有流程（bpmn:process）")]
    problems = []
    executable = [p for p in processes if p.get("isExecutable") == "true"]
    if not executable:
        first = processes[0]
        problems.append(_problem(first, "没有可执行的流程：请在流程属性中勾选“可执行”（isExecutable=\"true\"）"))
    for process in executable:
        if len(process.get("id", "")) > MAX_PROCESS_ID:
            problems.append(_problem(process, f"流程 ID 不能超过 {MAX_PROCESS_ID} 个字符"))
        if len(process.get("name") or "") > MAX_PROCESS_NAME:
            problems.append(_problem(process, f"流程名称不能超过 {MAX_PROCESS_NAME} 个字符"))
    return problems


def _check_reserved_ids(root) -> list[Problem]:
    return [
        _problem(element, f"元素 ID “{element.get('id')}” 为流程引擎保留，请改用其他 ID")
        for element in root.iter()
        if isinstance(element.tag, str) and element.get("id") in RESERVED_IDS
    ]


# -- user tasks -------------------------------------------------------------------------------------
def _check_user_tasks(root) -> list[Problem]:
    problems = []
    for task in root.iter(f"{{{BPMN_NS}}}userTask"):
        form_key = task.get(f"{{{CAMUNDA_NS}}}formKey")
        problems += _check_assignment(task, form_key)
        if not form_key:
            problems.append(_problem(task, f"用户任务缺少表单（camunda:formKey），可选：{_listing(FORM_KEYS)}"))
        elif form_key not in FORM_KEYS:
            problems.append(_problem(task, f"未知表单 “{form_key}”，可选：{_listing(FORM_KEYS)}"))
        properties = _properties(task)
        if not properties.get("step", "").strip():
            problems.append(_problem(task, "用户任务缺少环节代码：请添加扩展属性 step"))
        if form_key == "approval":
            problems += _check_decisions(task, properties.get("decisions", ""))
    return problems


def _check_assignment(task, form_key: str | None) -> list[Problem]:
    values = {name: (task.get(f"{{{CAMUNDA_NS}}}{name}") or "").strip() for name in ("candidateGroups", "assignee")}
    if not any(values.values()):
        return [_problem(task, "用户任务未指定办理部门/岗位：请填写 camunda:candidateGroups 或 camunda:assignee")]
    problems = []
    for name, value in values.items():
        if "$" in _PLACEHOLDER.sub("", value):
            problems.append(_problem(task, f"camunda:{name} “{value}” 的占位符格式错误，应为 ${{变量}} 或 ${{变量.属性}}"))
    for group in filter(None, (g.strip() for g in values["candidateGroups"].split(","))):
        if form_key in DESK_FORMS and group in DESK_GROUPS:
            continue  # a citizen's question or complaint is received and followed up by the centre's desk
        if group in {f"role:{r}" for r in IT_ROLES}:
            problems.append(_problem(task, f"候选组 “{group}” 是信息技术岗位：流程设计和系统管理人员不能办理办件，请交给综合窗口或部门岗位"))
        elif not _DECIDING_GROUP.match(group):
            problems.append(_problem(task, f"候选组 “{group}” 不是综合窗口或部门岗位：办件只能交给综合窗口"
                                           f"（window:领域）或部门的{'/'.join(DEPARTMENT_ROLE_NAMES)}（部门:岗位）办理"))
    if values["assignee"] and not _PLACEHOLDER.fullmatch(values["assignee"]):
        problems.append(_problem(task, f"camunda:assignee “{values['assignee']}” 不能写死具体人员，只能是流程变量"
                                       "（如 ${handler.username}）"))
    return problems


def _check_against(root, context: Context) -> list[Problem]:
    """Candidate groups naming a department that does not exist; steps without a limit the item needs."""
    problems = []
    for task in root.iter(f"{{{BPMN_NS}}}userTask"):
        groups = (task.get(f"{{{CAMUNDA_NS}}}candidateGroups") or "").split(",")
        for group in filter(None, (g.strip() for g in groups)):
            code = group.split(":", 1)[0]
            if (_DECIDING_GROUP.match(group) and not group.startswith("window:") and "$" not in code
                    and code not in context.department_codes):
                problems.append(_problem(task, f"候选组 “{group}” 中的部门 {code} 不存在：请从部门岗位中选择"))
        properties = _properties(task)
        department_step = any(g.strip() and not g.strip().startswith("window:") for g in groups)
        if (context.needs_step_limits and department_step and task.get(f"{{{CAMUNDA_NS}}}formKey") == "approval"
                and not properties.get("step_limit_days", "").strip()):
            problems.append(_problem(task, "使用此流程的事项有承诺时限：部门审批环节须填写环节时限（step_limit_days，工作日）"))
    return problems


def _check_decisions(task, decisions: str) -> list[Problem]:
    values = [d.strip() for d in decisions.split(",") if d.strip()]
    if not values:
        return [_problem(task, f"审批表单须有扩展属性 decisions（可选：{_listing(APPROVAL_DECISIONS)}）")]
    unknown = [d for d in values if d not in APPROVAL_DECISIONS]
    if unknown:
        return [_problem(task, f"decisions 含未知的审批决定 {', '.join(unknown)}，可选：{_listing(APPROVAL_DECISIONS)}")]
    return []


def _properties(task) -> dict:
    return {
        p.get("name"): p.get("value") or ""
        for p in task.findall("bpmn:extensionElements/camunda:properties/camunda:property", _NS)
        if p.get("name")
    }


# -- scripts, conditions and timer expressions ------------------------------------------------------
def _check_expressions(root) -> list[Problem]:
    allowed = allowed_function_names()
    problems = []
    for task in root.iter(f"{{{BPMN_NS}}}scriptTask"):
        script_format = (task.get("scriptFormat") or "python").lower()
        if script_format != "python":
            problems.append(_problem(task, f"脚本语言 “{script_format}” 不受支持，只能使用 python"))
        for script in task.findall("bpmn:script", _NS):
            problems += _check_source(task, script, "exec", "脚本", allowed)
    for flow in root.iter(f"{{{BPMN_NS}}}sequenceFlow"):
        for condition in flow.findall("bpmn:conditionExpression", _NS):
            problems += _check_source(flow, condition, "eval", "条件表达式", allowed)
    for timer in root.iter(f"{{{BPMN_NS}}}timerEventDefinition"):
        event = timer.getparent()
        for expression in timer:
            if isinstance(expression.tag, str) and expression.tag.endswith(("timeDate", "timeDuration", "timeCycle")):
                problems += _check_timer(event, expression, allowed)
    for loop in root.iter(f"{{{BPMN_NS}}}multiInstanceLoopCharacteristics"):
        for condition in loop.findall("bpmn:completionCondition", _NS):
            problems += _check_source(loop.getparent(), condition, "eval", "完成条件", allowed)
    return problems


def allowed_function_names() -> frozenset:
    """Functions BPMN expressions may call: the restricted builtins plus the helpers registered in the
    running script engine (read at call time, so helpers added to the engine are accepted)."""
    from . import runtime

    environment_globals = runtime.SCRIPT_ENGINE.environment.globals
    builtins = environment_globals.get("__builtins__") or {}
    names = set(builtins) | {k for k, v in environment_globals.items() if callable(v)}
    return frozenset(n for n in names if not n.startswith("_"))


def _check_timer(event, expression, allowed) -> list[Problem]:
    source = (expression.text or "").strip()
    if not source:
        return [_problem(event, "定时器表达式为空", expression.sourceline)]
    if _ISO_DURATION.match(source):
        return [_problem(event, f"定时器表达式是 Python 表达式：时长须加引号，如 \"{source}\"", expression.sourceline)]
    return _check_source(event, expression, "eval", "定时器表达式", allowed)


def _check_source(element, source_element, mode, what, allowed) -> list[Problem]:
    source = source_element.text
    if source is None or not source.strip():
        if mode == "exec":
            return []
        return [_problem(element, f"{what}为空", source_element.sourceline)]
    first_line = source_element.sourceline

    def at(lineno):
        return first_line + max(lineno or 1, 1) - 1 if first_line else None

    try:
        tree = ast.parse(source, mode=mode)
    except SyntaxError as exc:
        return [_problem(element, f"{what}有语法错误：{exc.msg}（第 {exc.lineno or 1} 行）", at(exc.lineno))]
    problems = [_problem(element, f"{what}{message}", at(lineno)) for lineno, message in _unsafe_nodes(tree, allowed)]
    if problems:
        return problems
    compile_ = compile_restricted_exec if mode == "exec" else compile_restricted_eval
    result = compile_(source, policy=BoundedPolicy)  # the runtime's policy: constant blow-ups refused here
    if result.errors:
        return [_problem(element, f"{what}不被安全环境允许：{'; '.join(result.errors)}", first_line)]
    return []


def _unsafe_nodes(tree, allowed):
    """(line, message) for imports, underscore names/attributes and calls of unknown functions."""
    defined = _defined_names(tree)
    for node in ast.walk(tree):
        line = getattr(node, "lineno", None)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = ", ".join(alias.name for alias in node.names)
            if isinstance(node, ast.ImportFrom):
                modules = f"{node.module} 中的 {modules}"
            yield line, f"不允许 import 语句（import {modules}）"
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            yield line, f"不允许访问下划线开头的属性 {node.attr}"
        elif isinstance(node, ast.Name) and node.id.startswith("_"):
            yield line, f"不允许使用下划线开头的名称 {node.id}"
        elif isinstance(node, ast.Call):
            message = _call_problem(node.func, allowed, defined)
            if message:
                yield line, message


def _call_problem(func, allowed, defined) -> str | None:
    if isinstance(func, ast.Name):
        if func.id.startswith("_") or func.id in allowed or func.id in defined:
            return None
        functions = [n for n in allowed if n[0].islower()]  # leave out exception classes and constants
        return f"调用了未知函数 {func.id}()（可用函数：{_listing(functions)}）"
    if isinstance(func, ast.Attribute):
        root = func
        while isinstance(root, ast.Attribute):
            root = root.value
        if isinstance(root, ast.Name) and root.id in FORBIDDEN_MODULES and root.id not in defined:
            return f"不允许调用 {ast.unparse(func)}()：脚本不能访问系统模块 {root.id}"
    return None


def _defined_names(tree) -> set:
    """Names the source itself binds (variables, functions, arguments): calling them is not unknown."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names


# -- XSD and engine parse ---------------------------------------------------------------------------
def _check_engine_parse(xml_bytes, file_name, dmn_sources, root, earlier) -> list[Problem]:
    """XSD validation and the engine's own parse of every executable process."""
    try:
        parser = build_parser({file_name: xml_bytes}, dmn_sources)
        for process_key in parser.get_process_ids():
            parse_process(parser, process_key)
    except ProcessDefinitionError as exc:
        return [_from_definition_error(exc, root)]
    except Exception as exc:  # noqa: BLE001 - the engine may fail in unforeseen ways on hostile input
        logger.warning("engine could not parse %s: %r", file_name, exc)
        if earlier:  # the problems already found are the likely cause
            return []
        return [Problem(None, None, f"流程引擎无法解析此文件：{type(exc).__name__}: {exc}")]
    return []


def _from_definition_error(exc: ProcessDefinitionError, root) -> Problem:
    detail = exc.problems[0] if exc.problems else {}
    element_id = detail.get("element") or None
    line = detail.get("line")
    line = line if isinstance(line, int) and line > 0 else None
    element = _find_by_id(root, element_id)
    if element is None and line is not None:  # an XSD error names only a line: blame the element there
        element = _element_at_line(root, line)
        element_id = element.get("id") if element is not None else None
    if element is not None and line is None:
        line = element.sourceline
    message = str(exc).replace(f"{{{BPMN_NS}}}", "bpmn:").replace(f"{{{CAMUNDA_NS}}}", "camunda:")
    file_name = detail.get("file")
    if file_name and message.startswith(f"{file_name}: "):
        message = message[len(file_name) + 2:]
    elif message.startswith(": "):
        message = message[2:]
    if root is not None:  # the XML itself was fine: this came from the XSD or the engine
        message = f"流程引擎校验未通过：{message}"
    return Problem(element_id, element.get("name") if element is not None else None, message, line)


# -- helpers ----------------------------------------------------------------------------------------
def _find_by_id(root, element_id):
    if root is None or not element_id:
        return None
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("id") == element_id:
            return element
    return None


def _element_at_line(root, line):
    """The innermost element with an id that starts on ``line`` or encloses the element that does."""
    if root is None:
        return None
    for element in root.iter():
        if isinstance(element.tag, str) and element.sourceline == line:
            while element is not None and not element.get("id"):
                element = element.getparent()
            return element
    return None


def _problem(element, message, line=None) -> Problem:
    return Problem(element.get("id"), element.get("name"), message, line or element.sourceline)


def _listing(names) -> str:
    return "、".join(sorted(names))


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, unique = set(), []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            unique.append(problem)
    return unique

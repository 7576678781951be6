"""Decision tables (DMN) for the engine: deployed versions, the table a business rule task evaluates, and a
draft evaluated with input values (a designer's test), all with SpiffWorkflow's DMN engine and the sandbox.

A process embeds the tables it was parsed with; :func:`bind_deployed_decisions` (called once per cached spec)
makes each business rule task evaluate the newest *deployed* version of its decision instead, parsed once per
content hash. A decision that was never deployed keeps the embedded table."""
import hashlib
import logging
import re
import threading
from dataclasses import dataclass, field
from types import SimpleNamespace

import sqlalchemy as sa
from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.exceptions import SpiffWorkflowException

from app.extensions import db

from .expressions import ExpressionError, expression_names
from .helpers import SCRIPT_HELPERS
from .models import DecisionDefinition, ProcessDefinition
from .parser import GovCamundaParser, ProcessDefinitionError, _bpmn_validator, parse_xml
from .sandbox import _restricted_globals, make_script_engine

logger = logging.getLogger(__name__)

_SCRIPT_ENGINE = make_script_engine(SCRIPT_HELPERS)
_KNOWN_NAMES = frozenset(_restricted_globals(SCRIPT_HELPERS)) \
    | frozenset(_restricted_globals({})["__builtins__"])
_INPUT_MARK = "dmninputexpr"
_engines: dict[str, object] = {}
_engines_lock = threading.Lock()


class DecisionError(ValueError):
    """A table the engine cannot parse or evaluate; ``field`` names what (``dmn_xml``, ``inputs.x``)."""

    def __init__(self, message: str, field: str = "dmn_xml", row: int | None = None):
        super().__init__(message)
        self.field = field
        self.row = row


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    name: str = ""  # outputs: the variable the result is stored in
    expression: str = ""  # inputs: what is compared with the cells
    type_ref: str = ""


@dataclass(frozen=True)
class Row:
    id: str
    number: int
    description: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    key: str
    name: str
    hit_policy: str
    inputs: tuple[Column, ...]
    outputs: tuple[Column, ...]
    rows: tuple[Row, ...]

    def variables(self) -> list[str]:
        """Process data the table reads (input expressions, cells, output expressions), in column order."""
        found: list[str] = []
        texts = [c.expression for c in self.inputs] + [t for r in self.rows for t in r.inputs + r.outputs]
        for text in texts:
            for name in sorted(_cell_names(text)):
                if name not in found:
                    found.append(name)
        return found


@dataclass
class Outcome:
    matched: list[Row] = field(default_factory=list)
    #: the rows the engine's result comes from (the first match, or every match for COLLECT)
    used: list[Row] = field(default_factory=list)
    output: dict = field(default_factory=dict)


def _local(element) -> str | None:
    return etree.QName(element).localname if isinstance(element.tag, str) else None


def _cell_names(text: str | None) -> set[str]:
    if not text or text.strip() in ("", "-"):
        return set()
    marked = re.sub(r"\?", _INPUT_MARK, text)
    for candidate in (marked, f"{_INPUT_MARK} {marked}"):
        try:
            return expression_names(candidate) - _KNOWN_NAMES - {_INPUT_MARK}
        except ExpressionError:
            continue
    return set()


def _decision_engine(dmn_xml: bytes, file_name: str):
    parser = GovCamundaParser(validator=_bpmn_validator())
    try:
        parser.add_dmn_xml(parse_xml(dmn_xml, file_name), filename=file_name)
        if len(parser.dmn_parsers) != 1:
            raise DecisionError(f"{file_name}: 一个文件须有且只有一个决策")
        key = next(iter(parser.dmn_parsers))
        return key, parser.get_engine(key, None)
    except ProcessDefinitionError as exc:
        raise DecisionError(str(exc)) from exc
    except ValidationException as exc:
        raise DecisionError(f"{file_name}: {exc}") from exc
    except (IndexError, KeyError, SyntaxError) as exc:  # no table, a column without id, a bad output cell
        raise DecisionError(f"{file_name}: 决策表不完整或有误：{exc}") from exc


def _table(key: str, engine, name: str) -> Table:
    table = engine.decision_table
    inputs = tuple(Column(i.id, i.label or "", i.name or "", (i.expression or "").strip(), i.typeRef or "")
                   for i in table.inputs)
    outputs = tuple(Column(o.id, o.label or "", o.name or "", "", o.typeRef or "") for o in table.outputs)
    rows = tuple(Row(r.id, r.row_number, r.description or "", tuple(e.text or "" for e in r.inputEntries),
                     tuple(e.text or "" for e in r.outputEntries)) for r in table.rules)
    return Table(key, name, table.hit_policy, inputs, outputs, rows)


def read_table(dmn_xml: bytes, file_name: str) -> Table:
    """Parse and check a DMN file (XSD, one decision with one table); DecisionError names the problem."""
    key, engine = _decision_engine(dmn_xml, file_name)
    root = parse_xml(dmn_xml, file_name)
    decision = next((e for e in root.iter() if _local(e) == "decision"), None)
    table = _table(key, engine, decision.get("name", "") if decision is not None else "")
    for column in table.inputs:
        if not column.expression:
            raise DecisionError(f"输入列「{column.label or column.id}」没有输入表达式", f"inputs.{column.id}")
    for column in table.outputs:
        if not column.name:
            raise DecisionError(f"输出列「{column.label or column.id}」没有输出名称（流程按名称取结果）",
                                f"outputs.{column.id}")
    return table


# -- evaluating (a designer's test) ------------------------------------------------------------------
class _Probe:
    """The task a decision is evaluated against outside a process: data plus what the engine's errors read."""

    def __init__(self, data: dict, name: str, file_name: str):
        self.data = data
        self.task_spec = SimpleNamespace(bpmn_name=name, name=name)
        self.workflow = SimpleNamespace(script_engine=_SCRIPT_ENGINE, spec=SimpleNamespace(file=file_name),
                                        parent_workflow=None)
        self.workflow.top_workflow = self.workflow


def _failure(exc: Exception, data: dict, where: str, field_name: str, row: int | None) -> DecisionError:
    original = exc.__context__ if isinstance(exc, SpiffWorkflowException) else exc
    missing = getattr(original, "name", None) if isinstance(original, NameError) else None
    if missing and missing not in data:
        return DecisionError(f"缺少输入 {missing}（{where}需要它）", f"inputs.{missing}", row)
    detail = str(original or exc).split(". ")[0]
    return DecisionError(f"{where}求值出错：{detail}", field_name, row)


def evaluate(dmn_xml: bytes, file_name: str, data: dict) -> Outcome:
    """Evaluate the table on ``data`` with the engine a process would use: every rule's match, and the result
    the business rule task would merge into the process data. An error names the input (``inputs.<name>``)."""
    key, engine = _decision_engine(dmn_xml, file_name)
    table = engine.decision_table
    task = _Probe(dict(data), key, file_name)
    for column in table.inputs:
        try:
            _SCRIPT_ENGINE.evaluate(task, column.expression)
        except Exception as exc:  # noqa: BLE001 - any engine error is reported to the designer
            raise _failure(exc, data, f"输入列「{column.label or column.expression}」", f"inputs.{column.id}",
                           None) from exc
    outcome = Outcome()
    rows = {r.id: r for r in _table(key, engine, "").rows}
    for rule in table.rules:
        if all(_matches(engine, entry, task, data, rule.row_number) for entry in rule.inputEntries):
            outcome.matched.append(rows[rule.id])
    try:
        outcome.output = dict(engine.result(task))
    except Exception as exc:  # noqa: BLE001
        row = outcome.matched[0].number if outcome.matched else None
        raise _failure(exc, data, f"第 {row} 行的输出" if row else "输出", "outputs", row) from exc
    collect = table.hit_policy == "COLLECT"
    outcome.used = list(outcome.matched) if collect else outcome.matched[:1]
    return outcome


def _matches(engine, entry, task, data, row) -> bool:
    for lhs in entry.lhs:
        try:
            if not engine.evaluate(entry.input.expression, lhs, task):
                return False
        except Exception as exc:  # noqa: BLE001
            label = entry.input.label or entry.input.expression
            raise _failure(exc, data, f"第 {row} 行的输入列「{label}」", f"inputs.{entry.input.id}", row) from exc
    return True


# -- deployed versions -------------------------------------------------------------------------------
def content_hash(dmn_xml: bytes) -> str:
    return hashlib.sha256(dmn_xml).hexdigest()


def latest_decision(decision_key: str) -> DecisionDefinition | None:
    query = sa.select(DecisionDefinition).where(DecisionDefinition.decision_key == decision_key)
    return db.session.scalars(query.order_by(DecisionDefinition.version.desc()).limit(1)).first()


def deploy_decision(file_name: str, dmn_xml: bytes, deployed_by: str | None = None) -> DecisionDefinition:
    """Store a new deployed version of the file's decision (the newest version is what processes evaluate).
    Flushes, never commits; DecisionError if the file is not a table the engine can run."""
    table = read_table(dmn_xml, file_name)
    latest = latest_decision(table.key)
    definition = DecisionDefinition(
        decision_key=table.key, version=(latest.version + 1) if latest else 1, name=table.name,
        file_name=file_name, content_hash=content_hash(dmn_xml), dmn_xml=dmn_xml.decode("utf-8"),
        deployed_by=deployed_by)
    db.session.add(definition)
    db.session.flush()
    logger.info("deployed decision %s version %s (%s)", table.key, definition.version,
                definition.content_hash[:12])
    return definition


def _deployed_engine(decision_key: str):
    row = db.session.execute(sa.select(DecisionDefinition.id, DecisionDefinition.content_hash)
                             .where(DecisionDefinition.decision_key == decision_key)
                             .order_by(DecisionDefinition.version.desc()).limit(1)).first()
    if row is None:
        return None
    engine = _engines.get(row.content_hash)
    if engine is None:
        definition = db.session.get(DecisionDefinition, row.id)
        _key, engine = _decision_engine(definition.dmn_xml.encode("utf-8"), definition.file_name)
        with _engines_lock:
            _engines[row.content_hash] = engine
    return engine


class DeployedDecision:
    """Stands in for a business rule task's DMN engine: evaluates the newest deployed version of the decision
    (the table embedded in the process spec only while none is deployed)."""

    def __init__(self, decision_key: str, embedded):
        self.decision_key = decision_key
        self.embedded = embedded

    @property
    def decision_table(self):  # what the spec serializer writes: the embedded table
        return self.embedded.decision_table

    def _engine(self):
        return _deployed_engine(self.decision_key) or self.embedded

    def decide(self, task):
        return self._engine().decide(task)

    def result(self, task):
        return self._engine().result(task)


def _table_decisions(dmn_sources: dict) -> dict[str, str]:
    """decision table id → decision id, from the DMN files a process was deployed with."""
    found = {}
    for name, source in (dmn_sources or {}).items():
        try:
            root = parse_xml(source.encode("utf-8") if isinstance(source, str) else source, name)
        except ProcessDefinitionError:
            continue
        for decision in root.iter():
            if _local(decision) == "decision":
                for table in decision:
                    if _local(table) == "decisionTable":
                        found[table.get("id")] = decision.get("id")
    return found


def bind_deployed_decisions(spec, subprocess_specs, dmn_sources: dict) -> None:
    """Make every business rule task of a freshly restored spec evaluate the deployed version of its decision
    (the spec keeps only the table; ``dmn_sources``, the files it was deployed with, name the decision)."""
    decisions = _table_decisions(dmn_sources)
    for process_spec in [spec, *subprocess_specs.values()]:
        for task_spec in process_spec.task_specs.values():
            engine = getattr(task_spec, "dmnEngine", None)
            if engine is None or isinstance(engine, DeployedDecision):
                continue
            key = decisions.get(engine.decision_table.id)
            if key:
                task_spec.dmnEngine = DeployedDecision(key, engine)


# -- who relies on a decision ------------------------------------------------------------------------
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CAMUNDA = "http://camunda.org/schema/1.0/bpmn"
_NOT_EXPRESSIONS = frozenset({"id", "name", "decisionRef", "sourceRef", "targetRef", "bpmnElement",
                              "attachedToRef", "processRef", "type", "isExecutable"})


@dataclass(frozen=True)
class Caller:
    """A deployed process (its newest version) with a business rule task calling the decision."""

    process_key: str
    version: int
    name: str
    task_names: tuple[str, ...]
    #: identifiers its expressions, scripts and assignments read (where a decision's outputs are used)
    names: frozenset[str]


def decision_callers(decision_key: str) -> list[Caller]:
    newest = sa.select(ProcessDefinition.process_key, sa.func.max(ProcessDefinition.version).label("version"))
    newest = newest.group_by(ProcessDefinition.process_key).subquery()
    definitions = db.session.scalars(sa.select(ProcessDefinition).join(newest, sa.and_(
        ProcessDefinition.process_key == newest.c.process_key, ProcessDefinition.version == newest.c.version))
        .order_by(ProcessDefinition.process_key)).all()
    callers = []
    for definition in definitions:
        root = parse_xml(definition.bpmn_xml.encode("utf-8"), definition.bpmn_file)
        tasks = [e for e in root.iter()
                 if _local(e) == "businessRuleTask" and e.get(f"{{{_CAMUNDA}}}decisionRef") == decision_key]
        if tasks:
            names = tuple(t.get("name") or t.get("id") for t in tasks)
            callers.append(Caller(definition.process_key, definition.version, definition.name, names,
                                  frozenset(_names_read(root))))
    return callers


def _names_read(root) -> set[str]:
    names = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        names.update(_IDENTIFIER.findall(element.text or ""))
        for attribute, value in element.attrib.items():
            if etree.QName(attribute).localname not in _NOT_EXPRESSIONS:
                names.update(_IDENTIFIER.findall(value))
    return names

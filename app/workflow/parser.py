"""Parsing BPMN (bpmn-js / Camunda Modeler dialect) and DMN files into workflow specs."""
import logging

from SpiffWorkflow.bpmn.parser.BpmnParser import full_tag
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnValidator
from SpiffWorkflow.camunda.parser import CamundaParser
from SpiffWorkflow.camunda.parser.task_spec import CAMUNDA_MODEL_NS, UserTaskParser
from SpiffWorkflow.camunda.specs.user_task import UserTask
from lxml import etree

logger = logging.getLogger(__name__)

#: userTask attributes that the stock Camunda parser ignores but our assignment needs.
ASSIGNMENT_ATTRIBUTES = ("assignee", "candidateGroups", "candidateUsers", "dueDate", "formKey")


class AssignmentAwareUserTaskParser(UserTaskParser):
    """Keeps camunda:assignee/candidateGroups/... in ``task_spec.extensions`` (they survive serialization)."""

    def parse_extensions(self, node=None):
        extensions = super().parse_extensions(node)
        for name in ASSIGNMENT_ATTRIBUTES:
            value = self.node.get(f"{{{CAMUNDA_MODEL_NS}}}{name}")
            if value is not None:
                extensions[f"camunda:{name}"] = value
        return extensions


class GovCamundaParser(CamundaParser):
    OVERRIDE_PARSER_CLASSES = {
        **CamundaParser.OVERRIDE_PARSER_CLASSES,
        full_tag("userTask"): (AssignmentAwareUserTaskParser, UserTask),
    }


class ProcessDefinitionError(Exception):
    """A BPMN/DMN source that cannot become an executable process; ``problems`` lists what and where."""

    def __init__(self, message, problems=None):
        super().__init__(message)
        self.problems = problems or []


#: Refuse external entities, DTDs and entity expansion in uploaded XML.
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(source: bytes, file_name: str):
    try:
        tree = etree.fromstring(source, parser=_SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise ProcessDefinitionError(
            f"{file_name}: XML 格式错误（第 {exc.lineno} 行）: {exc.msg}",
            [{"file": file_name, "line": exc.lineno, "message": exc.msg}],
        ) from exc
    if tree.getroottree().docinfo.internalDTD is not None:
        raise ProcessDefinitionError(f"{file_name}: 不允许 DTD/实体声明", [{"file": file_name, "message": "DTD"}])
    return tree


_validator = None


def _bpmn_validator():
    """The XSD validator is expensive to build (it parses the BPMN schema); build it once."""
    global _validator
    if _validator is None:
        _validator = BpmnValidator()
    return _validator


def build_parser(bpmn_sources: dict, dmn_sources: dict):
    """Return a parser loaded with the given {file name: bytes} sources, or raise ProcessDefinitionError."""
    parser = GovCamundaParser(validator=_bpmn_validator())
    try:
        for name, source in dmn_sources.items():
            parser.add_dmn_xml(parse_xml(source, name), filename=name)
        for name, source in bpmn_sources.items():
            parser.add_bpmn_xml(parse_xml(source, name), filename=name)
    except ValidationException as exc:
        raise ProcessDefinitionError(
            f"{exc.file_name or ''}: {exc}",
            [{"file": exc.file_name, "line": exc.line_number, "element": exc.id, "message": str(exc)}],
        ) from exc
    return parser


def parse_process(parser, process_key: str):
    """Spec and subprocess specs of one executable process."""
    try:
        spec = parser.get_spec(process_key)
        subprocess_specs = parser.get_subprocess_specs(process_key)
    except ValidationException as exc:
        raise ProcessDefinitionError(
            str(exc), [{"file": exc.file_name, "element": exc.id, "message": str(exc)}]
        ) from exc
    return spec, subprocess_specs

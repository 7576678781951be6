"""The process diagram of a published item for the public guide: the BPMN XML of the item's latest process
definition with everything that is not the drawing taken out — scripts, gateway conditions, candidate groups
and other engine attributes, extension elements, documentation. The shapes, names and flows stay, so the
bpmn-js viewer draws the same diagram the designer made, and nothing of the engine's inner workings is
published."""
import logging
import xml.etree.ElementTree as ET
from functools import lru_cache

from app.workflow import latest_definition

logger = logging.getLogger(__name__)

_NAMESPACES = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
    "di": "http://www.omg.org/spec/DD/20100524/DI",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
_BPMN = "{%s}" % _NAMESPACES["bpmn"]
#: child elements dropped wherever they occur (executable content, not drawing)
_DROPPED = {f"{_BPMN}{name}" for name in ("script", "conditionExpression", "extensionElements", "documentation",
                                          "ioSpecification", "dataInputAssociation", "dataOutputAssociation",
                                          "completionCondition", "loopCardinality")}
#: attributes kept from the BPMN namespace (no namespace in the file); anything in another namespace goes
_KEPT_NAMESPACES = {_NAMESPACES[key] for key in ("bpmn", "bpmndi", "dc", "di")}

for _prefix, _uri in _NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)


def _strip(element: ET.Element) -> None:
    for child in list(element):
        if child.tag in _DROPPED:
            element.remove(child)
        elif child.tag.startswith("{") and child.tag[1:].split("}")[0] not in _KEPT_NAMESPACES:
            element.remove(child)
        else:
            _strip(child)
    for name in list(element.attrib):
        if name.startswith("{") and name[1:].split("}")[0] not in _KEPT_NAMESPACES:
            del element.attrib[name]
        elif name in ("scriptFormat", "implementation"):
            del element.attrib[name]


@lru_cache(maxsize=32)
def _public_xml(content_hash: str, bpmn_xml: str) -> str | None:
    try:
        root = ET.fromstring(bpmn_xml.encode("utf-8") if isinstance(bpmn_xml, str) else bpmn_xml)
    except ET.ParseError:
        logger.warning("definition %s: stored BPMN not parseable for the public diagram", content_hash[:12])
        return None
    _strip(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def public_diagram(process_key: str) -> str | None:
    """The drawing-only BPMN XML of the latest definition of ``process_key`` (None: none deployed)."""
    definition = latest_definition(process_key, required=False)
    if definition is None:
        return None
    return _public_xml(definition.content_hash, definition.bpmn_xml)

"""What changed between two versions of a process, by element id: elements added, removed, and changed (any
attribute, text, documentation or extension property of the element itself; nested elements that have
their own id count on their own). Diagram layout (bpmndi) is left out: moving a shape is not a change."""
from lxml import etree

from app.workflow.parser import parse_xml

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"


def _elements(xml: str) -> dict[str, tuple[str, str, bytes]]:
    root = parse_xml(xml.encode("utf-8"), "diff.bpmn")
    found = {}
    for process in root.iter(f"{{{BPMN_NS}}}process", f"{{{BPMN_NS}}}collaboration"):
        for element in process.iter():
            if not isinstance(element.tag, str) or not element.get("id") or element is process:
                continue
            copy = etree.fromstring(etree.tostring(element))
            for child in list(copy):  # a nested element with its own id is compared on its own
                if isinstance(child.tag, str) and child.get("id"):
                    copy.remove(child)
            found[element.get("id")] = (etree.QName(element).localname, element.get("name") or "",
                                        etree.tostring(copy, method="c14n"))
    return found


def diff(old_xml: str, new_xml: str) -> dict:
    old, new = _elements(old_xml), _elements(new_xml)

    def described(ids, source):
        return [{"id": i, "type": source[i][0], "name": source[i][1]} for i in sorted(ids)]

    changed = {i for i in old.keys() & new.keys() if old[i][2] != new[i][2]}
    return {"added": described(new.keys() - old.keys(), new), "removed": described(old.keys() - new.keys(), old),
            "changed": described(changed, new)}

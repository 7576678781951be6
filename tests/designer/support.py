"""Helpers for the designer stories: the shipped BPMN files and small edits of them."""
from pathlib import Path

BPMN_DIR = Path(__file__).resolve().parents[2] / "bpmn"
SHIPPED_FILES = sorted(p.name for p in BPMN_DIR.glob("*.bpmn"))
URL = "/api/v1/process-definitions"


def shipped(name="standard_approval.bpmn") -> str:
    return (BPMN_DIR / name).read_text(encoding="utf-8")


def edited(old: str, new: str, name="standard_approval.bpmn") -> str:
    source = shipped(name)
    assert old in source, f"{old!r} not in {name}"
    return source.replace(old, new, 1)


def upload(bpmn_xml: str, file_name="standard_approval.bpmn") -> dict:
    return {"file_name": file_name, "bpmn_xml": bpmn_xml}


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")

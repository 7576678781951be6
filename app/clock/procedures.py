"""The special procedures (特别程序) a department may pause a case's clock for, as configured in
``rules/special_procedures.toml``: which kinds the pages offer, in which order, with their usual length in
working days. The kinds themselves are the legal vocabulary of :data:`app.clock.models.PAUSE_KINDS`; the
file only chooses among them (an unknown kind in the file is an error at load time, never a silent choice)."""
import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from .models import PAUSE_KINDS

logger = logging.getLogger(__name__)

FILE_NAME = "special_procedures.toml"


@dataclass(frozen=True)
class Procedure:
    kind: str
    label: str
    expected_days: int | None


class ProcedureRulesError(ValueError):
    pass


def parse_procedures(text: str) -> list[Procedure]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProcedureRulesError(f"{FILE_NAME}: {exc}") from exc
    procedures, seen = [], set()
    for index, row in enumerate(data.get("procedure", [])):
        kind = row.get("kind")
        if kind not in PAUSE_KINDS:
            raise ProcedureRulesError(f"{FILE_NAME}: procedure {index}: unknown kind {kind!r}")
        if kind in seen:
            raise ProcedureRulesError(f"{FILE_NAME}: procedure {index}: {kind} listed twice")
        days = row.get("expected_days")
        if days is not None and (not isinstance(days, int) or not 1 <= days <= 365):
            raise ProcedureRulesError(f"{FILE_NAME}: procedure {index}: expected_days must be 1–365")
        seen.add(kind)
        procedures.append(Procedure(kind, PAUSE_KINDS[kind], days))
    return procedures


def offered_procedures() -> list[Procedure]:
    """The configured procedures; every kind with no usual length when the file is missing."""
    path = Path(current_app.config["RULES_DIR"]) / FILE_NAME
    if not path.exists():
        logger.warning("%s not found: offering every pause kind", path)
        return [Procedure(kind, label, None) for kind, label in PAUSE_KINDS.items()]
    return parse_procedures(path.read_text(encoding="utf-8"))

"""Situational materials (情形材料) and situations (办理情形): which materials of an item version a case needs,
given the applicant's form answers. Conditions are restricted Python expressions over the answers, evaluated
by app.workflow's sandbox; a material may also belong to some of the version's situations only, chosen by the
form field ``situation``.

A condition that cannot be evaluated on the answers given (a comparison with an empty optional number) counts
as not met: the condition names the answers it needs, and required fields are checked before the checklist."""
import logging

from app.workflow import ExpressionError, evaluate_expression, expression_names
from app.workflow import EXPRESSION_BUILTINS as ALLOWED_NAMES

from .schema import field_keys

logger = logging.getLogger(__name__)

#: the form field whose answer chooses the item's situation (办理情形)
SITUATION_KEY = "situation"


def condition_met(condition: str | None, answers: dict) -> bool:
    if not condition:
        return True
    try:
        return bool(evaluate_expression(condition, answers))
    except ExpressionError:  # the message may quote an answer: not logged
        logger.debug("material condition %r not evaluable on the answers", condition)
        return False


def material_applies(material, answers: dict | None) -> bool:
    """Whether the material belongs to a case with these answers (None = no answers yet: the unconditional
    materials only)."""
    if answers is None:
        return not material.condition and not material.situations
    if material.situations and answers.get(SITUATION_KEY) not in material.situations:
        return False
    return condition_met(material.condition, answers)


def applicable_materials(item, answers: dict | None) -> list:
    return [m for m in item.materials if material_applies(m, answers)]


def required_codes(item, answers: dict | None) -> set[str]:
    return {m.code for m in applicable_materials(item, answers) if m.required}


def condition_problems(item_schema: dict | None, materials, situations) -> dict[str, str]:
    """Per material code, why its condition or situations cannot work with the version's form."""
    keys = field_keys(item_schema)
    situation_codes = {s.get("code") for s in situations or []}
    problems: dict[str, str] = {}
    for material in materials:
        code, condition = material["code"], material.get("condition")
        if material.get("situations"):
            unknown = sorted(set(material["situations"]) - situation_codes)
            if unknown:
                problems[code] = f"材料「{material['name']}」的办理情形 {', '.join(unknown)} 未在事项中定义"
                continue
        if not condition:
            continue
        try:
            names = expression_names(condition)
        except ExpressionError as exc:
            problems[code] = f"材料「{material['name']}」的适用条件无效：{exc}"
            continue
        unknown = sorted(names - keys - ALLOWED_NAMES)
        if unknown:
            problems[code] = f"材料「{material['name']}」的适用条件引用了申请表中没有的字段：{', '.join(unknown)}"
    if situations and SITUATION_KEY not in keys:
        problems["situations"] = f"事项定义了办理情形，申请表须有键为 {SITUATION_KEY} 的单选或下拉字段"
    return problems

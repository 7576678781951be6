"""What the pages ask while a form is being filled: the checklist for the answers so far, and a full check."""
from app.catalogue.services import published_item

from .conditions import SITUATION_KEY, material_applies
from .validation import form_problems, validate_form


def checklist(item, answers: dict | None) -> dict:
    """Every material of the item with whether it applies to these (possibly partial) answers and whether it
    is then required; answers that do not fit their field are ignored, not refused."""
    clean = None
    problems: dict[str, str] = {}
    if answers is not None and item.form_schema is not None:
        clean, problems = form_problems(item.form_schema, answers)
        clean = {k: (None if k in problems else v) for k, v in clean.items()}
    situation = next((s for s in item.situations or [] if clean and s.get("code") == clean.get(SITUATION_KEY)), None)
    materials = []
    for material in item.materials:
        applies = material_applies(material, clean)
        materials.append({
            "code": material.code, "name": material.name, "applies": applies,
            "required": applies and material.required, "condition_note": material.condition_note,
            "originals": material.originals, "copies": material.copies, "issuing_body": material.issuing_body,
            "standard": material.standard,
        })
    return {"item_code": item.code, "version": item.version, "situation": situation, "materials": materials,
            "required": [m["code"] for m in materials if m["required"]],
            "problems": {k: v for k, v in problems.items() if answers and k in answers}}


def checklist_for(code: str, answers: dict | None) -> dict:
    return checklist(published_item(code), answers)


def validate_for(code: str, answers: dict) -> dict:
    item = published_item(code)
    clean = validate_form(item.form_schema, answers)
    return {"valid": True, "data": clean, "required": checklist(item, clean)["required"]}

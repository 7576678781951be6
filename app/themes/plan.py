"""What one application of a theme means for its member items, from the combined form's answers: which members
apply (情形), each member's own form answers (the shared fields mapped), which of its checklist materials the
combined list covers, and which come from another member's e-licence (证照复用). Pure functions over the
definition; nothing is written here."""
from dataclasses import dataclass, field

from app.forms.conditions import condition_met

from .models import Theme, ThemeMember


@dataclass
class MemberPlan:
    member: ThemeMember
    applies: bool
    answers: dict | None = None
    materials: set[str] = field(default_factory=set)  # the item's material codes given in the combined list
    reused: dict[str, str] = field(default_factory=dict)  # item material code → source member item code


def combined_materials(theme: Theme, answers: dict | None) -> list[dict]:
    """The combined material list for these answers (conditions applied): what the applicant gives once."""
    return [m for m in theme.materials or [] if answers is None and not m.get("condition")
            or answers is not None and condition_met(m.get("condition"), answers)]


def member_applies(member: ThemeMember, answers: dict | None) -> bool:
    if member.mandatory or not member.condition:
        return True
    return answers is not None and condition_met(member.condition, answers)


def mapped_answers(member: ThemeMember, answers: dict | None, applicant: dict) -> dict | None:
    """The member item's form answers: each mapped field from the combined form, the applicant or a constant.
    None when the member maps nothing (its item has no form)."""
    if not member.field_map:
        return None
    result = {}
    for target, source in member.field_map.items():
        if source.startswith("="):
            result[target] = source[1:]
        elif source.startswith("applicant."):
            result[target] = applicant.get(source.split(".", 1)[1])
        elif answers is not None and source in answers:
            result[target] = answers[source]
    return result


def plan(theme: Theme, answers: dict | None, applicant: dict, received: set[str]) -> list[MemberPlan]:
    """Per member: whether it applies, its answers, the materials of its checklist the received combined
    materials cover, and its reused e-licences."""
    plans = []
    for member in theme.members:
        applies = member_applies(member, answers)
        covered = set()
        for material in theme.materials or []:
            if material["code"] in received:
                covered |= {t["material"] for t in material.get("targets") or [] if t["item"] == member.item_code}
        plans.append(MemberPlan(member, applies, mapped_answers(member, answers, applicant), covered,
                                dict(member.reuse or {})))
    applying = {p.member.item_code for p in plans if p.applies}
    for p in plans:  # a licence of a member that does not apply is no source
        p.reused = {m: source for m, source in p.reused.items() if source in applying}
    return plans


def materials_saved(theme: Theme, plans: list[MemberPlan], received: set[str]) -> dict:
    """How much the applicant was spared: per-item materials counted once each item needs them, against the
    combined list given (de-duplication), plus the e-licences taken over (reuse)."""
    separate = sum(len(p.materials) + len(p.reused) for p in plans if p.applies)
    given = len([m for m in theme.materials or [] if m["code"] in received])
    reused = sum(len(p.reused) for p in plans if p.applies)
    return {"separately": separate, "given": given, "deduplicated": separate - reused - given, "reused": reused}

"""rules/special_procedures.toml chooses the special procedures the case page offers for 暂停计时, with their
usual length; a kind outside the legal vocabulary (app.clock.models.PAUSE_KINDS) is an error, never offered."""
from pathlib import Path

import pytest

from app.clock.procedures import ProcedureRulesError, parse_procedures

SHIPPED = Path(__file__).resolve().parents[2] / "rules" / "special_procedures.toml"


def test_the_shipped_file_offers_expert_review_first_with_ten_working_days():
    procedures = parse_procedures(SHIPPED.read_text(encoding="utf-8"))
    assert (procedures[0].kind, procedures[0].label, procedures[0].expected_days) == ("expert_review", "专家评审", 10)
    assert {"hearing", "inspection", "public_notice"} <= {p.kind for p in procedures}


@pytest.mark.parametrize("text, problem", [
    ('[[procedure]]\nkind = "coffee_break"\n', "unknown kind"),
    ('[[procedure]]\nkind = "hearing"\n[[procedure]]\nkind = "hearing"\n', "twice"),
    ('[[procedure]]\nkind = "hearing"\nexpected_days = 0\n', "expected_days"),
    ('[[procedure]\n', "special_procedures.toml"),
])
def test_a_wrong_file_is_refused_naming_the_problem(text, problem):
    with pytest.raises(ProcedureRulesError, match=problem):
        parse_procedures(text)

"""Identity numbers: GB 11643 citizen IDs, GB 32100 credit codes, masking.

Valid samples are published numbers, not computed by the tests: the two examples of
GB 11643-1999 and credit codes printed on well-known business licences.  Their check
characters were verified by hand before they were written down here.
"""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.applicants import identity
from app.applicants.identity import (
    CREDIT_CODE_ALPHABET,
    IdKind,
    citizen_id_problem,
    credit_code_problem,
    mask_id_number,
    mask_name,
    mask_person_name,
    mask_phone,
    normalise_id,
)

TODAY = dt.date(2025, 6, 1)

STANDARD_CITIZEN_IDS = [
    "11010519491231002X",  # GB 11643-1999 example, check character X
]
BORN_1880_EXAMPLE = "440524188001010014"  # GB 11643-1999 appendix example
PUBLISHED_CREDIT_CODES = [
    "91350100M000100Y43",  # widely cited sample code
    "914403001922038216",  # 华为技术有限公司
    "9144030071526726XG",  # 腾讯科技（深圳）有限公司
    "91110108551385082Q",  # 北京小米科技有限责任公司
]

properties = settings(max_examples=200, deadline=None, database=None)


def with_char(value: str, position: int, char: str) -> str:
    return value[:position] + char + value[position + 1 :]


# --- citizen identity numbers ------------------------------------------------------------


@pytest.mark.parametrize("value", STANDARD_CITIZEN_IDS)
def test_the_examples_printed_in_the_standard_are_valid(value):
    assert citizen_id_problem(value, today=TODAY) is None


def test_the_1880_example_of_the_standard_is_refused_only_for_its_birth_year(monkeypatch):
    assert citizen_id_problem(BORN_1880_EXAMPLE, today=TODAY) == "身份证号码中的出生日期无效"
    monkeypatch.setattr(identity, "EARLIEST_BIRTH_YEAR", 1800)
    assert citizen_id_problem(BORN_1880_EXAMPLE, today=TODAY) is None


def test_the_standard_examples_stay_valid_against_the_real_clock():
    assert citizen_id_problem(STANDARD_CITIZEN_IDS[0]) is None


@pytest.mark.parametrize(
    "typed",
    [
        "11010519491231002x",
        " 11010519491231002X ",
        "110105 19491231 002X",
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width input method
    ],
)
def test_an_applicant_may_type_a_lowercase_x_spaces_or_full_width_digits(typed):
    assert citizen_id_problem(typed, today=TODAY) is None
    assert normalise_id(IdKind.CITIZEN_ID, typed) == "11010519491231002X"


@pytest.mark.parametrize("wrong_check", ["0", "1", "2", "8", "9"])
def test_a_mistyped_check_character_is_reported(wrong_check):
    assert citizen_id_problem(with_char("11010519491231002X", 17, wrong_check), today=TODAY) == (
        "身份证号码校验位错误"
    )


def test_a_mistyped_digit_in_the_sequence_code_is_caught_by_the_check_character():
    assert citizen_id_problem("110105194912310021", today=TODAY) == "身份证号码校验位错误"
    assert citizen_id_problem("11010519491231012X", today=TODAY) == "身份证号码校验位错误"


@pytest.mark.parametrize("value", ["", "   ", None])
def test_an_empty_citizen_id_asks_to_be_filled_in(value):
    assert citizen_id_problem(value, today=TODAY) == "请填写身份证号码"


@pytest.mark.parametrize(
    "value",
    [
        "11010519491231002",  # one character short
        "11010519491231002XX",  # one too many
        "110105491231002",  # old 15-digit number
    ],
)
def test_a_citizen_id_must_have_eighteen_characters(value):
    assert citizen_id_problem(value, today=TODAY) == "身份证号码应为18位"


@pytest.mark.parametrize(
    "value",
    [
        "1101051949123100XX",  # X only allowed last
        "11010519491231002A",
        "1101O519491231002X",  # letter O for zero
        "11010519491231002-",
    ],
)
def test_a_citizen_id_has_seventeen_digits_and_a_digit_or_x(value):
    assert citizen_id_problem(value, today=TODAY) == "身份证号码前17位应为数字，最后一位应为数字或X"


@pytest.mark.parametrize("province", ["00", "10", "16", "20", "39", "47", "60", "66", "72", "84", "99"])
def test_an_unknown_province_code_is_rejected(province):
    value = province + "0105" + "19491231002X"
    assert citizen_id_problem(value, today=TODAY) == "身份证号码的地区码无效"


@pytest.mark.parametrize(
    "birth",
    [
        "19490230",  # February 30
        "19000229",  # 1900 was not a leap year
        "19491301",  # month 13
        "19491200",  # day 0
        "18991231",  # before 1900
        "00000101",
    ],
)
def test_an_impossible_birth_date_is_rejected(birth):
    value = "110105" + birth + "002X"
    assert citizen_id_problem(value, today=TODAY) == "身份证号码中的出生日期无效"


def test_a_birth_date_after_today_is_rejected():
    assert citizen_id_problem("110105202506020011", today=TODAY) == "身份证号码中的出生日期不能晚于今天"


def test_a_baby_born_today_can_have_an_id_number():
    problem = citizen_id_problem("110105202506010011", today=TODAY)
    assert problem in (None, "身份证号码校验位错误")


def test_february_29_of_a_leap_year_is_a_real_birthday():
    problem = citizen_id_problem("110105200002290011", today=TODAY)
    assert problem in (None, "身份证号码校验位错误")


citizen_bodies = st.builds(
    lambda prefix, born, sequence: prefix + born.strftime("%Y%m%d") + sequence,
    st.sampled_from(["110105", "440524", "650102", "810000", "820000", "830000", "911840"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY),
    st.text(alphabet="0123456789", min_size=3, max_size=3),
)


@properties
@given(body=citizen_bodies)
def test_exactly_one_check_character_completes_a_plausible_citizen_id(body):
    valid = [c for c in "0123456789X" if citizen_id_problem(body + c, today=TODAY) is None]
    assert len(valid) == 1


def iso_7064_mod_11_2_residue(value: str) -> int:
    """ISO 7064 pure system MOD 11-2: Σ a_i · 2^(18-i) over all 18 characters, X = 10.

    A valid number leaves residue 1.  This is the definition in the ISO standard, written
    independently of the weight table and lookup string that GB 11643 prints.
    """
    return sum((10 if c == "X" else int(c)) * pow(2, 17 - i, 11) for i, c in enumerate(value)) % 11


def test_the_standard_example_satisfies_the_iso_7064_definition():
    assert iso_7064_mod_11_2_residue("11010519491231002X") == 1
    assert iso_7064_mod_11_2_residue(BORN_1880_EXAMPLE) == 1


@properties
@given(body=citizen_bodies)
def test_the_accepted_check_character_is_the_one_iso_7064_defines(body):
    (accepted,) = [c for c in "0123456789X" if citizen_id_problem(body + c, today=TODAY) is None]
    assert iso_7064_mod_11_2_residue(body + accepted) == 1


def test_residence_permits_and_foreign_permanent_resident_cards_share_the_format():
    # Hong Kong 810000, Macao 820000, Taiwan 830000;
    # foreigners: 9 + issuing province (11 Beijing) + nationality (840)
    for prefix in ("810000", "820000", "830000", "911840"):
        body = prefix + "19800101001"
        assert any(citizen_id_problem(body + c, today=TODAY) is None for c in "0123456789X")


def test_a_foreign_permanent_resident_card_needs_a_mainland_issuing_province():
    body = "981156" + "19800101001"  # 98 is no province
    assert all(citizen_id_problem(body + c, today=TODAY) == "身份证号码的地区码无效" for c in "0123456789X")


@pytest.mark.parametrize("valid", STANDARD_CITIZEN_IDS)
def test_any_single_mistyped_digit_of_a_citizen_id_is_detected(valid):
    for position in range(17):
        for digit in "0123456789":
            if digit != valid[position]:
                assert citizen_id_problem(with_char(valid, position, digit), today=TODAY) is not None


@pytest.mark.parametrize("valid", STANDARD_CITIZEN_IDS)
def test_swapping_two_neighbouring_digits_of_a_citizen_id_is_detected(valid):
    for position in range(16):
        a, b = valid[position], valid[position + 1]
        if a != b:
            swapped = valid[:position] + b + a + valid[position + 2 :]
            assert citizen_id_problem(swapped, today=TODAY) is not None


# --- unified social credit codes ----------------------------------------------------------


@pytest.mark.parametrize("value", PUBLISHED_CREDIT_CODES)
def test_credit_codes_from_real_business_licences_are_valid(value):
    assert credit_code_problem(value) is None


def test_a_credit_code_typed_in_lowercase_with_spaces_is_accepted():
    assert credit_code_problem(" 9144 0300 7152 6726xg ") is None
    assert normalise_id("credit_code", " 9144 0300 7152 6726xg ") == "9144030071526726XG"


@pytest.mark.parametrize("value", ["", "  ", None])
def test_an_empty_credit_code_asks_to_be_filled_in(value):
    assert credit_code_problem(value) == "请填写统一社会信用代码"


@pytest.mark.parametrize("value", ["91350100M000100Y4", "91350100M000100Y433", "M000100Y4"])
def test_a_credit_code_must_have_eighteen_characters(value):
    assert credit_code_problem(value) == "统一社会信用代码应为18位"


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_letters_that_look_like_digits_are_not_part_of_a_credit_code(letter):
    value = with_char("91350100M000100Y43", 8, letter)
    assert credit_code_problem(value) == "统一社会信用代码含有无效字符（不使用I、O、Z、S、V）"


def test_punctuation_is_not_part_of_a_credit_code():
    assert credit_code_problem("91350100-000100Y43") == "统一社会信用代码含有无效字符（不使用I、O、Z、S、V）"


@pytest.mark.parametrize("region", ["000000", "990000", "3501A0", "16010M"])
def test_the_registering_authority_must_have_a_division_code(region):
    value = "91" + region + "M000100Y43"
    assert credit_code_problem(value) == "统一社会信用代码的行政区划码无效"


@pytest.mark.parametrize("value", PUBLISHED_CREDIT_CODES)
def test_a_wrong_credit_code_check_character_is_reported(value):
    for char in CREDIT_CODE_ALPHABET:
        if char != value[17]:
            assert credit_code_problem(with_char(value, 17, char)) == "统一社会信用代码校验位错误"


@pytest.mark.parametrize("valid", PUBLISHED_CREDIT_CODES)
def test_any_single_mistyped_character_of_a_credit_code_is_detected(valid):
    for position in range(17):
        for char in CREDIT_CODE_ALPHABET:
            if char != valid[position]:
                assert credit_code_problem(with_char(valid, position, char)) is not None


@pytest.mark.parametrize("valid", PUBLISHED_CREDIT_CODES)
def test_swapping_two_neighbouring_characters_of_a_credit_code_is_detected(valid):
    for position in range(16):
        a, b = valid[position], valid[position + 1]
        if a != b:
            swapped = valid[:position] + b + a + valid[position + 2 :]
            assert credit_code_problem(swapped) is not None


credit_code_bodies = st.tuples(
    st.sampled_from(CREDIT_CODE_ALPHABET),
    st.sampled_from(CREDIT_CODE_ALPHABET),
    st.sampled_from(["110000", "350100", "440300", "100000", "810000"]),
    st.text(alphabet=CREDIT_CODE_ALPHABET, min_size=9, max_size=9),
).map("".join)


@properties
@given(body=credit_code_bodies)
def test_exactly_one_check_character_completes_a_plausible_credit_code(body):
    valid = [c for c in CREDIT_CODE_ALPHABET if credit_code_problem(body + c) is None]
    assert len(valid) == 1


def gb_32100_residue(value: str) -> int:
    """GB 32100 defines weight W_i = 3^(i-1) mod 31 and C18 = 31 - (Σ C_i·W_i mod 31),
    so a valid code satisfies Σ_{i<=17} C_i·3^(i-1) + C18 ≡ 0 (mod 31)."""
    body = sum(CREDIT_CODE_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(value[:17]))
    return (body + CREDIT_CODE_ALPHABET.index(value[17])) % 31


@pytest.mark.parametrize("value", PUBLISHED_CREDIT_CODES)
def test_published_credit_codes_satisfy_the_definition_of_the_standard(value):
    assert gb_32100_residue(value) == 0


@properties
@given(body=credit_code_bodies)
def test_the_accepted_credit_code_check_character_is_the_one_gb_32100_defines(body):
    (accepted,) = [c for c in CREDIT_CODE_ALPHABET if credit_code_problem(body + c) is None]
    assert gb_32100_residue(body + accepted) == 0


def test_normalising_an_unknown_kind_of_number_is_a_programming_error():
    with pytest.raises(ValueError):
        normalise_id("passport", "E12345678")


# --- masking ----------------------------------------------------------------------------


def test_an_id_number_shows_only_its_first_and_last_four_characters():
    assert mask_id_number("11010519491231002X") == "1101**********002X"
    assert mask_id_number("91350100M000100Y43") == "9135**********0Y43"


def test_a_short_number_is_masked_completely():
    assert mask_id_number("12345678") == "********"


def test_a_mobile_number_shows_the_network_prefix_and_last_four_digits():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("138 1234 5678") == "138****5678"


def test_a_landline_number_keeps_the_area_code_prefix_and_last_four_digits():
    assert mask_phone("053288887777") == "053*****7777"
    assert mask_phone("8888777") == "*******"


@pytest.mark.parametrize(
    "name, masked",
    [
        ("张三丰", "张**"),
        ("张三", "张*"),
        ("欧阳娜娜", "欧***"),
        ("买买提·艾力", "买*****"),
        (" 李四 ", "李*"),
        ("王", "*"),
        ("", ""),
    ],
)
def test_a_persons_name_keeps_only_its_first_character(name, masked):
    assert mask_person_name(name) == masked
    assert mask_name(name) == masked


@pytest.mark.parametrize("mask", [mask_id_number, mask_phone, mask_person_name, mask_name])
def test_a_missing_value_stays_missing_when_masked(mask):
    assert mask(None) is None
    assert mask("") == ""


def test_an_organisation_name_is_public_and_not_masked():
    assert mask_name("华为技术有限公司", organisation=True) == "华为技术有限公司"

"""Identity numbers of applicants: validation, normalisation and masking.

* Citizen identity number (公民身份号码), GB 11643-1999: 6-digit address code, 8-digit birth
  date, 3-digit sequence code, 1 check character computed with ISO 7064 MOD 11-2.  The same
  format is used by residence permits for Hong Kong, Macao and Taiwan residents (address codes
  810000, 820000, 830000) and by the 2023 foreigners' permanent residence ID card, whose
  number starts with 9 followed by the province code of the issuing place.
* Unified social credit code (统一社会信用代码), GB 32100-2015: registration authority,
  organisation type, 6-digit administrative division code of the registering authority,
  9-character organisation code, 1 check character (weighted sum modulo 31).

The ``*_problem`` functions return ``None`` for a valid value, otherwise a short message in
Chinese for the applicant.  They accept what people type (spaces, full-width characters, a
lowercase x); store :func:`normalise_id` of the value, not the raw input.
"""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata

# GB/T 2260 province-level codes, plus 71 Taiwan, 81 Hong Kong, 82 Macao and 83 (address code
# of residence permits for Taiwan residents).
MAINLAND_PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65".split()
)
PROVINCE_CODES = MAINLAND_PROVINCE_CODES | {"71", "81", "82", "83"}

#: First digit of the 2023 foreigners' permanent residence ID card number.
FOREIGN_PERMANENT_RESIDENT_MARK = "9"

_CITIZEN_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CITIZEN_CHECK_CHARS = "10X98765432"  # indexed by weighted sum % 11
#: Birth years before this are refused (nobody born earlier is alive).  Note that the
#: GB 11643 appendix example 440524188001010014 (born 1880) is therefore refused too.
EARLIEST_BIRTH_YEAR = 1900

#: GB 32100 character set: digits and capital letters without I, O, Z, S, V.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_CODE_VALUES = {char: value for value, char in enumerate(CREDIT_CODE_ALPHABET)}
_CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_NATIONAL_REGION_PREFIX = "10"  # division code 100000: registered by a central authority

_ID_LENGTH = 18


class IdKind(enum.StrEnum):
    """Kinds of identity number an applicant can present."""

    CITIZEN_ID = "citizen_id"
    CREDIT_CODE = "credit_code"


def normalise_id(kind: IdKind | str, value: str) -> str:
    """Canonical form of an identity number as typed by a person.

    Full-width characters become ASCII (NFKC), all whitespace is removed and letters are
    upper-cased (a trailing lowercase ``x`` of a citizen ID becomes ``X``).
    """
    IdKind(kind)  # ValueError for an unknown kind
    text = unicodedata.normalize("NFKC", value)
    return "".join(text.split()).upper()


# --- citizen identity number (GB 11643-1999) ---------------------------------------------


def citizen_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 17 digits of a citizen ID."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _CITIZEN_WEIGHTS, strict=True))
    return _CITIZEN_CHECK_CHARS[total % 11]


def _citizen_region_is_plausible(value: str) -> bool:
    """Only the province part of the address code can be checked without the GB/T 2260 table."""
    if value[0] == FOREIGN_PERMANENT_RESIDENT_MARK:
        return value[1:3] in MAINLAND_PROVINCE_CODES
    return value[:2] in PROVINCE_CODES


def _birth_date_problem(value: str, today: dt.date) -> str | None:
    """Check the YYYYMMDD birth date in positions 7–14."""
    year, month, day = int(value[6:10]), int(value[10:12]), int(value[12:14])
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return "身份证号码中的出生日期无效"
    if born.year < EARLIEST_BIRTH_YEAR:
        return "身份证号码中的出生日期无效"
    if born > today:
        return "身份证号码中的出生日期不能晚于今天"
    return None


def citizen_id_problem(value: str, *, today: dt.date | None = None) -> str | None:
    """What is wrong with a citizen identity number (GB 11643-1999), or None if it is valid.

    Checks, in order: 18 characters; 17 digits then a digit or X; a known province code;
    a real birth date between 1900 and ``today`` (default: the current date); the
    ISO 7064 MOD 11-2 check character.
    """
    value = normalise_id(IdKind.CITIZEN_ID, value or "")
    if not value:
        return "请填写身份证号码"
    if len(value) != _ID_LENGTH:
        return "身份证号码应为18位"
    if not (value[:17].isascii() and value[:17].isdigit()) or value[17] not in "0123456789X":
        return "身份证号码前17位应为数字，最后一位应为数字或X"
    if not _citizen_region_is_plausible(value):
        return "身份证号码的地区码无效"
    birth_problem = _birth_date_problem(value, today or dt.date.today())
    if birth_problem:
        return birth_problem
    if citizen_check_char(value[:17]) != value[17]:
        return "身份证号码校验位错误"
    return None


# --- unified social credit code (GB 32100-2015) ----------------------------------------


def credit_code_check_char(first17: str) -> str:
    """GB 32100 check character: 31 - (Σ value × weight mod 31), where 31 maps to 0."""
    total = sum(
        _CREDIT_CODE_VALUES[char] * weight
        for char, weight in zip(first17, _CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def _credit_code_region_is_plausible(value: str) -> bool:
    """Characters 3–8 are the GB/T 2260 division code of the registering authority."""
    region = value[2:8]
    if not (region.isascii() and region.isdigit()):
        return False
    return region[:2] in PROVINCE_CODES or region[:2] == _NATIONAL_REGION_PREFIX


def credit_code_problem(value: str) -> str | None:
    """What is wrong with a unified social credit code (GB 32100-2015), or None if it is valid.

    Checks, in order: 18 characters; only characters of the GB 32100 alphabet (digits and
    capital letters except I, O, Z, S, V); a plausible division code in characters 3–8;
    the check character.  Registration authority and type codes (characters 1–2) are
    accepted as long as they belong to the alphabet, since new codes keep being assigned.
    """
    value = normalise_id(IdKind.CREDIT_CODE, value or "")
    if not value:
        return "请填写统一社会信用代码"
    if len(value) != _ID_LENGTH:
        return "统一社会信用代码应为18位"
    if any(char not in _CREDIT_CODE_VALUES for char in value):
        return "统一社会信用代码含有无效字符（不使用I、O、Z、S、V）"
    if not _credit_code_region_is_plausible(value):
        return "统一社会信用代码的行政区划码无效"
    if credit_code_check_char(value[:17]) != value[17]:
        return "统一社会信用代码校验位错误"
    return None


# --- masking for display (lists, receipts, public notices) -----------------------------
# Every mask function passes None and "" through unchanged, so optional fields need no guard.


def _mask_middle(text: str, keep_start: int, keep_end: int) -> str:
    """Replace all but the first ``keep_start`` and last ``keep_end`` characters with '*'.

    Text too short to keep anything hidden is masked completely.
    """
    if len(text) <= keep_start + keep_end:
        return "*" * len(text)
    hidden = len(text) - keep_start - keep_end
    return text[:keep_start] + "*" * hidden + text[len(text) - keep_end :]


def mask_id_number(value: str | None) -> str | None:
    """Show the first 4 and last 4 characters: ``11010519491231002X`` → ``1101**********002X``.

    Works for citizen IDs and credit codes alike; 8 characters or fewer are masked entirely.
    """
    if not value:
        return value
    return _mask_middle("".join(value.split()), 4, 4)


def mask_phone(value: str | None) -> str | None:
    """Show the first 3 and last 4 digits: ``13812345678`` → ``138****5678``.

    Numbers of 7 characters or fewer are masked entirely.
    """
    if not value:
        return value
    return _mask_middle("".join(value.split()), 3, 4)


def mask_person_name(name: str | None) -> str | None:
    """Keep the first character of a person's name: ``张三丰`` → ``张**``, ``张三`` → ``张*``.

    A one-character name is masked entirely.
    """
    if not name:
        return name
    name = name.strip()
    if len(name) <= 1:
        return "*" * len(name)
    return name[0] + "*" * (len(name) - 1)


def mask_name(name: str | None, *, organisation: bool = False) -> str | None:
    """Mask an applicant's name for display.

    Names of persons are masked with :func:`mask_person_name`; names of organisations
    (enterprises, institutions, social organisations) are public and returned unchanged.
    """
    if organisation:
        return name
    return mask_person_name(name)

"""The e-licence identifier of GB/T 36903: ``1.2.156.3005.2.<type code>.<issuer code>.<serial>.<version>.<check>``.

Check character: ISO 7064 MOD 37,36 (the hybrid system over the 36 characters 0-9 A-Z) computed over the
digits and letters of everything before it, dots left out and letters upper-cased. A verifier recomputes
it the same way; any single wrong character or swap of adjacent characters changes it. Worked example of
ISO/IEC 7064: ``A12425GABC1234002`` → ``M``.

The public verification code (核验码) is not part of the identifier: it is a separate random 6-character code
printed on the licence (see app.licences.services).
"""
import string

ALPHABET = string.digits + string.ascii_uppercase
PREFIX = "1.2.156.3005.2"
_M = 36


def _values(text: str):
    return [ALPHABET.index(c) for c in text.upper() if c in ALPHABET]


def mod37_36_check_char(text: str) -> str:
    p = _M
    for value in _values(text):
        s = (p + value) % _M or _M
        p = (s * 2) % (_M + 1)
    return ALPHABET[(_M + 1 - p) % _M]


def build_identifier(type_code: str, issuer_code: str, serial: str, version: int = 1) -> str:
    body = f"{PREFIX}.{type_code}.{issuer_code}.{serial}.{version}"
    return f"{body}.{mod37_36_check_char(body)}"


def identifier_is_valid(identifier: str) -> bool:
    body, _, check = identifier.rpartition(".")
    return bool(body) and len(check) == 1 and mod37_36_check_char(body) == check.upper()

"""查询码 (query code): the secret that, with the case number (or the online application number), lets an
applicant without an account follow their case on the public pages. It is random (``secrets``), printed on
the window's notices and on the online submission receipt, stored on the row, never derived from anything
others know (an ID number, a phone, a credit code), never in lists or logs."""
import hmac
import secrets

#: no 0/O, 1/I/L: a code read from paper and typed on a phone is not mistaken
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8
#: how the public pages and the API describe the code (zh-CN; the pages translate it)
QUERY_CODE_RULE = "受理通知书（网上申报为申报回执）上打印的8位查询码"


def new_query_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_query_code(code: str | None) -> str:
    """What the applicant typed, as stored: upper case, without spaces or hyphens (a code may be printed
    as ``ABCD-EFGH``)."""
    return "".join(ch for ch in (code or "") if ch not in " -\t").upper()


def query_code_matches(stored: str | None, given: str | None) -> bool:
    """Constant-time comparison, case-insensitive; an empty code never matches."""
    expected = (stored or "").upper()
    typed = normalise_query_code(given)
    if not expected:
        hmac.compare_digest(typed.encode(), typed.encode())  # same work whether or not there is a code
        return False
    return hmac.compare_digest(expected.encode(), typed.encode())

"""Personal data never reaches the log: a filter on the root handlers masks citizen ID numbers (18 characters)
and mobile numbers in every record, whatever logger wrote it; SQLAlchemy is told
to hide bound parameters (SQLALCHEMY_ENGINE_OPTIONS hide_parameters) so failed statements do not print them."""
import logging
import re

#: an 18-character citizen ID (17 digits and a check digit or X), kept as the masks elsewhere: 1101**********002X
_CITIZEN_ID = re.compile(r"(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[0-9Xx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def scrub(text: str) -> str:
    text = _CITIZEN_ID.sub(r"\1**********\2", text)
    return _MOBILE.sub(r"\1****\2", text)


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Add the filter to every handler of the root logger (filters on a logger do not apply to its children)."""
    root = logger or logging.getLogger()
    for handler in root.handlers:
        if not any(isinstance(f, PersonalDataFilter) for f in handler.filters):
            handler.addFilter(PersonalDataFilter())

"""Marshmallow fields shared by every schema of the API and the pages.

``WholeNumber`` replaces marshmallow's ``Integer``, which truncates: ``{"days": 2.5}`` loaded as 2 and used up
the one extension a case may get. A whole number is an int (never a bool), a float without fraction
(``2.0``) or a string of digits (query strings and forms); ``2.5``, ``"2.5"``, ``"2e3"`` and ``true`` are refused
with a message naming the field."""
import datetime as dt
import re

from marshmallow import fields

_DIGITS = re.compile(r"^\s*[+-]?\d{1,30}\s*$")
#: an INTEGER column's range (PostgreSQL int4): a larger id or count would fail in the database, as a 500
LIMIT = 2 ** 31


class WholeNumber(fields.Integer):
    default_error_messages = {"out_of_range": "Number out of range."}

    def _validated(self, value):
        number = self._whole(value)
        if not -LIMIT <= number < LIMIT:
            raise self.make_error("out_of_range", input=value)
        return number

    def _whole(self, value) -> int:
        if isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _DIGITS.match(value):
            return int(value)
        raise self.make_error("invalid", input=value)


#: the dates a government service may meaningfully name; beyond them date arithmetic overflows (9999-12-31 plus
#: one day) or walks calendars for centuries
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


class OfficeDate(fields.Date):
    """``Date`` limited to 1900-01-01 … 2199-12-31: the ends of the calendar are a 422, never an OverflowError."""

    default_error_messages = {"out_of_range": "Date must be between 1900-01-01 and 2199-12-31."}

    def _deserialize(self, value, attr, data, **kwargs):
        day = super()._deserialize(value, attr, data, **kwargs)
        if not EARLIEST <= day <= LATEST:
            raise self.make_error("out_of_range", input=value)
        return day

"""Shared steps of the document stories: decide a case, read a PDF's text, check its fonts."""
import io
import re

import pypdf

from tests.support import FOOD_LICENCE

FOOD_DEPARTMENT = ("scjgj_handler", "scjgj_reviewer", "scjgj_approver")
BUILDING_DEPARTMENT = ("zjj_handler", "zjj_reviewer", "zjj_approver")
BUILDING_PERMIT = "330100-XK-002"  # 住建局, construction window, online depth IV


def decided_case(api, item_code=FOOD_LICENCE, clerk="clerk_commerce", staff=FOOD_DEPARTMENT,
                 decision="approve", opinion="同意", **submit):
    """A case accepted at the window and decided by the department's approver (handler and reviewer agree)."""
    case_no = api.as_user(clerk).accept_case(item_code, **submit)["case_no"]
    handler, reviewer, approver = staff
    api.as_user(handler).decide(case_no)
    api.as_user(reviewer).decide(case_no)
    api.as_user(approver).decide(case_no, decision=decision, opinion=opinion)
    return case_no


def pdf_text(data: bytes) -> str:
    """The text of every page, whitespace removed (extraction puts breaks between the laid-out lines)."""
    text = "".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", "", text)


def _fonts(resources, seen):
    resources = resources.get_object() if resources is not None else {}
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        if id(font) not in seen:
            seen.add(id(font))
            yield font
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Resources") is not None:
            yield from _fonts(xobject["/Resources"], seen)


def font_report(data: bytes) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font used on every page, forms included; a Type0 font is embedded
    when its descendant's descriptor carries the font program (FontFile2 for TrueType, FontFile3 for CFF)."""
    report, seen = [], set()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        resources = [page.get("/Resources")]
        for annotation in page.get("/Annots") or []:  # signature and form fields draw with their own streams
            appearance = (annotation.get_object().get("/AP") or {}).get("/N")
            if appearance is not None and hasattr(appearance.get_object(), "get"):
                resources.append(appearance.get_object().get("/Resources"))
        for font in (f for r in resources if r is not None for f in _fonts(r, seen)):
            described = font["/DescendantFonts"][0].get_object() if font.get("/DescendantFonts") else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            report.append((str(font.get("/BaseFont")), embedded))
    return report

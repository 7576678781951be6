"""The type of an uploaded file, told by its content (magic bytes), never by its name or the client's word."""
import zipfile
from typing import BinaryIO

MEDIA_TYPES = {
    "application/pdf": ("PDF", ".pdf"),
    "image/jpeg": ("JPEG", ".jpg"),
    "image/png": ("PNG", ".png"),
    "application/ofd": ("OFD", ".ofd"),
}
ACCEPTED = "、".join(label for label, _ in MEDIA_TYPES.values())

_HEAD = 16


def sniff_media_type(stream: BinaryIO) -> str | None:
    """The media type of a seekable stream if it is PDF, JPEG, PNG or OFD, else None. OFD (GB/T 33190) is a
    ZIP package whose root holds the entry file OFD.xml."""
    stream.seek(0)
    head = stream.read(_HEAD)
    stream.seek(0)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"PK\x03\x04") and _is_ofd_package(stream):
        return "application/ofd"
    return None


def _is_ofd_package(stream: BinaryIO) -> bool:
    try:
        with zipfile.ZipFile(stream) as package:
            return any(name.lower() == "ofd.xml" for name in package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        stream.seek(0)

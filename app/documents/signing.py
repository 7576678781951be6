"""Signing a PDF in the name of a department's electronic seal: a PDF digital signature (PAdES-style CMS,
pyHanko) with the department's seal certificate, chained to the seal CA. ``SEAL_SIGNER`` chooses the
implementation; ``demo`` signs with the local demo keys of app.documents.keys."""
import asyncio
import io
import logging
from concurrent.futures import ThreadPoolExecutor

from flask import current_app
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

from .keys import seal_credentials

logger = logging.getLogger(__name__)

SEAL_FIELD = "ElectronicSeal"


def _sign_pdf(writer, metadata, signer):
    """pyHanko's sign_pdf runs its own event loop (asyncio.run), which fails in a thread whose loop is already
    running (an async host, a browser-driving test process): sign on a worker thread then."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return signers.sign_pdf(writer, metadata, signer=signer)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(signers.sign_pdf, writer, metadata, signer=signer).result()


class DemoSealSigner:
    """Signs with the department's demo key and certificate (created on first use)."""

    def sign(self, pdf: bytes, department, *, reason: str, location: str = "") -> tuple[bytes, str]:
        credentials = seal_credentials(department)
        signer = signers.SimpleSigner.load(
            str(credentials.key_file), str(credentials.cert_file), ca_chain_files=(str(credentials.ca_cert_file),))
        metadata = signers.PdfSignatureMetadata(
            field_name=SEAL_FIELD, reason=reason, location=location or None, name=f"{department.name}电子印章")
        signed = _sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), metadata, signer)
        subject = signer.signing_cert.subject.human_friendly
        logger.info("signed a document with the seal of department %s", department.code)
        return signed.getvalue(), subject


SIGNERS = {"demo": DemoSealSigner}


def seal_signer():
    name = current_app.config.get("SEAL_SIGNER", "demo")
    return SIGNERS[name]()

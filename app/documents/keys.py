"""Demo keys of the electronic seals: a demo CA and one signing key + certificate per department, made with
``cryptography`` under ``SEAL_KEYS_DIR`` (default ``instance/seals``; never committed) by ``flask seed-demo``,
or on the first signature of a department that has none.

Real seals use SM2/SM3 certificates of a licensed CA (GB/T 38540); the demo signs with ECDSA P-256 / SHA-256
PDF signatures instead. Files: ``ca.cert.pem`` / ``ca.key.pem`` and ``<DEPT>.cert.pem`` / ``<DEPT>.key.pem``;
private keys are written 0600 and unencrypted (demo only)."""
import datetime as dt
import fcntl
import logging
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from flask import current_app

logger = logging.getLogger(__name__)

CA_NAME = "一窗通办演示电子印章CA（仅供演示）"
CA_YEARS, SEAL_YEARS = 10, 5


@dataclass(frozen=True)
class SealCredentials:
    key_file: Path
    cert_file: Path
    ca_cert_file: Path


def keys_dir() -> Path:
    return Path(current_app.config["SEAL_KEYS_DIR"])


@contextmanager
def _locked(directory: Path):
    """One process at a time creates keys (two web workers signing first at once must share one CA)."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(directory / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write(path: Path, data: bytes, private: bool = False) -> None:
    temporary = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)


def _key_pem(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject, issuer, public_key, signing_key, years: int, *, ca: bool, issuer_key=None):
    now = dt.datetime.now(dt.timezone.utc)
    builder = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=not ca, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=ca,
                                     crl_sign=ca, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            (issuer_key or signing_key).public_key()), critical=False)
    )
    return builder.sign(signing_key, hashes.SHA256())


def _ensure_ca(directory: Path):
    cert_file, key_file = directory / "ca.cert.pem", directory / "ca.key.pem"
    if cert_file.exists() and key_file.exists():
        key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
        return x509.load_pem_x509_certificate(cert_file.read_bytes()), key
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(CA_NAME, "一窗通办演示")
    cert = _certificate(name, name, key.public_key(), key, CA_YEARS, ca=True)
    _write(key_file, _key_pem(key), private=True)
    _write(cert_file, cert.public_bytes(serialization.Encoding.PEM))
    logger.info("demo seal CA created in %s", directory)
    return cert, key


def _file_stem(department) -> str:
    return re.sub(r"[^0-9A-Za-z_-]", "_", department.code)


def seal_credentials(department) -> SealCredentials:
    """The department's seal key and certificate, created (with the CA) when missing."""
    directory = keys_dir()
    stem = _file_stem(department)
    credentials = SealCredentials(directory / f"{stem}.key.pem", directory / f"{stem}.cert.pem",
                                  directory / "ca.cert.pem")
    if all(p.exists() for p in (credentials.key_file, credentials.cert_file, credentials.ca_cert_file)):
        return credentials
    with _locked(directory):
        ca_cert, ca_key = _ensure_ca(directory)
        if not (credentials.key_file.exists() and credentials.cert_file.exists()):
            key = ec.generate_private_key(ec.SECP256R1())
            subject = _name(f"{department.name}电子印章", department.name)
            cert = _certificate(subject, ca_cert.subject, key.public_key(), ca_key, SEAL_YEARS, ca=False,
                                issuer_key=ca_key)
            _write(credentials.key_file, _key_pem(key), private=True)
            _write(credentials.cert_file, cert.public_bytes(serialization.Encoding.PEM))
            logger.info("demo seal certificate created for department %s", department.code)
    return credentials


def ensure_demo_seals(departments) -> int:
    """Create the CA and every department's seal that is missing (``flask seed-demo``). Returns how many
    departments have a seal."""
    for department in departments:
        seal_credentials(department)
    return len(departments)

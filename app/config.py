"""Settings, read from the environment (12-factor). SQLite by default, DATABASE_URL for PostgreSQL."""
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _database_url(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        # Heroku-style URLs name the old driver; psycopg 3 is the one we ship.
        if url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url[len("postgres://"):]
        elif url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        return url
    return f"sqlite:///{Path(instance_path) / 'yichuang.sqlite3'}"


def load_config(instance_path: str) -> dict:
    return {
        # production (APP_ENV=production) refuses to start without a strong SECRET_KEY; elsewhere the key is
        # generated once into instance/secret_key (app/security/secret_key.py)
        "APP_ENV": os.environ.get("APP_ENV", "development"),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or None,
        # the HMAC key of the case history chain (held outside the database; same rules as SECRET_KEY) and
        # where signed checkpoints of the chain head are written (a directory outside the database)
        "AUDIT_KEY": os.environ.get("AUDIT_KEY") or None,
        **({"AUDIT_CHECKPOINT_DIR": os.environ["AUDIT_CHECKPOINT_DIR"]} if os.environ.get("AUDIT_CHECKPOINT_DIR")
           else {}),
        # page sessions last one working day and end on logout (server-side, app/security/sessions.py);
        # set SESSION_COOKIE_SECURE=1 behind HTTPS; TRUSTED_PROXIES = the number of reverse proxies in front
        "SESSION_LIFETIME_HOURS": os.environ.get("SESSION_LIFETIME_HOURS", "10"),
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", ""),
        "TRUSTED_PROXIES": os.environ.get("TRUSTED_PROXIES", "0"),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        # bound parameters (names, ID numbers, phones) never appear in SQLAlchemy's error messages or logs
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
        "BPMN_DIR": os.environ.get("BPMN_DIR", str(PROJECT_ROOT / "bpmn")),
        "RULES_DIR": os.environ.get("RULES_DIR", str(PROJECT_ROOT / "rules")),
        "TOKEN_TTL_SECONDS": int(os.environ.get("TOKEN_TTL_SECONDS", 8 * 3600)),
        # argon2id parameters (RFC 9106 second recommended option: 64 MiB, t=3)
        "ARGON2_TIME_COST": int(os.environ.get("ARGON2_TIME_COST", 3)),
        "ARGON2_MEMORY_COST_KIB": int(os.environ.get("ARGON2_MEMORY_COST_KIB", 65536)),
        # login throttling: failed attempts allowed per username / per client address in the window
        "LOGIN_FAILURES_PER_USER": int(os.environ.get("LOGIN_FAILURES_PER_USER", 5)),
        "LOGIN_FAILURES_PER_ADDRESS": int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", 20)),
        # failures of one username from all addresses before unknown addresses wait a doubling delay
        "LOGIN_FAILURES_GLOBAL": int(os.environ.get("LOGIN_FAILURES_GLOBAL", 10)),
        "LOGIN_FAILURE_WINDOW_SECONDS": int(os.environ.get("LOGIN_FAILURE_WINDOW_SECONDS", 900)),
        "CASE_NUMBER_PATTERN": os.environ.get("CASE_NUMBER_PATTERN", "{centre}{date:%Y%m%d}{seq:05d}"),
        # written notices: str.format pattern with kind (受 / 补 / 不受), year and seq (per kind and year)
        "NOTICE_NUMBER_PATTERN": os.environ.get("NOTICE_NUMBER_PATTERN", "示范政服{kind}字〔{year}〕第{seq:05d}号"),
        # the centre's public site: every printed URL and QR code (<base>/progress?case_no=…, <base>/verify?…)
        # starts with it, never with the request's Host header. Set it in production.
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
        # the public portal's name and the 政务服务便民热线 shown on every portal page
        "PORTAL_NAME": os.environ.get("PORTAL_NAME", "示范市政务服务网"),
        "PORTAL_NAME_EN": os.environ.get("PORTAL_NAME_EN", "Demo City Government Services"),
        "PORTAL_HOTLINE": os.environ.get("PORTAL_HOTLINE", "12345"),
        # the portal's own region (division code): the catalogue's default region; empty = the first city region
        "PORTAL_REGION_CODE": os.environ.get("PORTAL_REGION_CODE", ""),
        # decision documents (准予 / 不予行政许可决定书): str.format pattern with dept_short (the department's
        # short name), dept_code, kind (准 / 不准), year and seq (per department and year, both kinds)
        "DECISION_NUMBER_PATTERN": os.environ.get("DECISION_NUMBER_PATTERN",
                                                  "{dept_short}许{kind}字〔{year}〕{seq:04d}号"),
        # the embedded CJK TrueType font of every PDF (unset: fonts-wqy-zenhei & co., see app/documents/fonts.py)
        "PDF_FONT_PATH": os.environ.get("PDF_FONT_PATH", ""),
        "PDF_FONT_INDEX": int(os.environ.get("PDF_FONT_INDEX", 0)),
        # electronic seals: the demo CA and one signing key + certificate per department (never committed)
        "SEAL_KEYS_DIR": os.environ.get("SEAL_KEYS_DIR", str(Path(instance_path) / "seals")),
        # unsigned material handovers older than this are overdue (shown to the window)
        "HANDOVER_OVERDUE_HOURS": int(os.environ.get("HANDOVER_OVERDUE_HOURS", 24)),
        # public online applications (网上申报) accepted per client address and hour
        "APPLICATIONS_PER_HOUR": int(os.environ.get("APPLICATIONS_PER_HOUR", 20)),
        "SERVICE_CENTRE_CODE": os.environ.get("SERVICE_CENTRE_CODE", "330100"),
        "TIMEZONE": os.environ.get("TIMEZONE", "Asia/Shanghai"),
        # e-licences: number pattern (type_code, year, serial, case_no), type codes and validity per item code
        "LICENCE_NUMBER_PATTERN": os.environ.get("LICENCE_NUMBER_PATTERN", "{type_code}{year}{serial:08d}"),
        "LICENCE_TYPE_CODES": {},
        "LICENCE_VALIDITY_YEARS": {},  # item code -> years, or None for 长期有效
        "LICENCE_DEFAULT_VALIDITY_YEARS": int(os.environ.get("LICENCE_DEFAULT_VALIDITY_YEARS", 5)),
        # public lookups (办件查询, 好差评, 证照核验): failed attempts allowed per client address in the window
        "PUBLIC_LOOKUP_FAILURES": int(os.environ.get("PUBLIC_LOOKUP_FAILURES", 10)),
        "PUBLIC_LOOKUP_WINDOW_SECONDS": int(os.environ.get("PUBLIC_LOOKUP_WINDOW_SECONDS", 900)),
        # per case/licence number: after this many failures from all addresses in the window, the addresses
        # that failed on it wait (app.progress.throttle)
        "PUBLIC_LOOKUP_SUBJECT_FAILURES": int(os.environ.get("PUBLIC_LOOKUP_SUBJECT_FAILURES", 5)),
        "PUBLIC_LOOKUP_SUBJECT_WINDOW_SECONDS": int(
            os.environ.get("PUBLIC_LOOKUP_SUBJECT_WINDOW_SECONDS", 86400)),
        # 咨询/投诉 submissions accepted per client address within the window (app.feedback.limits)
        "PUBLIC_FEEDBACK_SUBMISSIONS": int(os.environ.get("PUBLIC_FEEDBACK_SUBMISSIONS", 5)),
        "PUBLIC_FEEDBACK_WINDOW_SECONDS": int(os.environ.get("PUBLIC_FEEDBACK_WINDOW_SECONDS", 3600)),
        "RATING_RECTIFICATION_DAYS": int(os.environ.get("RATING_RECTIFICATION_DAYS", 5)),
        # 电子材料 (app.files): storage backend local | s3, the local directory, S3 settings, limits
        "FILE_STORAGE": os.environ.get("FILE_STORAGE", "local"),
        "FILE_STORAGE_DIR": os.environ.get("FILE_STORAGE_DIR", str(Path(instance_path) / "files")),
        "S3_BUCKET": os.environ.get("S3_BUCKET", "yichuang-files"),
        "S3_ENDPOINT_URL": os.environ.get("S3_ENDPOINT_URL", ""),  # e.g. http://minio:9000; empty: AWS
        "S3_REGION": os.environ.get("S3_REGION", ""),
        "S3_ACCESS_KEY_ID": os.environ.get("S3_ACCESS_KEY_ID", ""),  # empty: boto3's usual credential chain
        "S3_SECRET_ACCESS_KEY": os.environ.get("S3_SECRET_ACCESS_KEY", ""),
        "S3_PREFIX": os.environ.get("S3_PREFIX", "blobs/"),
        "S3_ADDRESSING_STYLE": os.environ.get("S3_ADDRESSING_STYLE", "path"),  # path suits MinIO
        "MAX_MATERIAL_FILE_BYTES": int(os.environ.get("MAX_MATERIAL_FILE_BYTES", 20 * 1024 * 1024)),
        # 材料复用: files given in an earlier case are offered again while younger than this
        "MATERIAL_REUSE_MAX_AGE_DAYS": int(os.environ.get("MATERIAL_REUSE_MAX_AGE_DAYS", 365)),
        # 我的办事 (app.portal.accounts): password registration and login of applicants, and/or the province's
        # 统一身份认证 by OpenID Connect (enabled when the discovery URL is set); the claims that carry the
        # real-name verified citizen ID number / credit code, the name, the enterprise's name and the phone
        "APPLICANT_PASSWORD_LOGIN": os.environ.get("APPLICANT_PASSWORD_LOGIN", "1") in ("1", "true", "yes"),
        "APPLICANT_OIDC_DISCOVERY_URL": os.environ.get("APPLICANT_OIDC_DISCOVERY_URL", ""),
        "APPLICANT_OIDC_CLIENT_ID": os.environ.get("APPLICANT_OIDC_CLIENT_ID", ""),
        "APPLICANT_OIDC_CLIENT_SECRET": os.environ.get("APPLICANT_OIDC_CLIENT_SECRET", ""),
        "APPLICANT_OIDC_SCOPE": os.environ.get("APPLICANT_OIDC_SCOPE", "openid profile phone"),
        "APPLICANT_OIDC_ID_NUMBER_CLAIM": os.environ.get("APPLICANT_OIDC_ID_NUMBER_CLAIM", "id_number"),
        "APPLICANT_OIDC_CREDIT_CODE_CLAIM": os.environ.get("APPLICANT_OIDC_CREDIT_CODE_CLAIM", "credit_code"),
        "APPLICANT_OIDC_NAME_CLAIM": os.environ.get("APPLICANT_OIDC_NAME_CLAIM", "name"),
        "APPLICANT_OIDC_ORG_NAME_CLAIM": os.environ.get("APPLICANT_OIDC_ORG_NAME_CLAIM", "org_name"),
        "APPLICANT_OIDC_PHONE_CLAIM": os.environ.get("APPLICANT_OIDC_PHONE_CLAIM", "phone_number"),
        # scans staged at the window before the 受理 decision and never used are pruned after this
        "STAGED_SCAN_MAX_AGE_HOURS": int(os.environ.get("STAGED_SCAN_MAX_AGE_HOURS", 24)),
        # 互联互通 (app.exchange): webhooks must be https:// unless this is set (tests, a closed network)
        "EXCHANGE_ALLOW_HTTP_WEBHOOKS": os.environ.get("EXCHANGE_ALLOW_HTTP_WEBHOOKS", "") in ("1", "true", "yes"),
        # flask-smorest / OpenAPI
        "API_TITLE": "一窗通办 API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": None,
        "JSON_AS_ASCII": False,
        # JSON bodies; file uploads get MAX_MATERIAL_FILE_BYTES plus the multipart overhead (app.files.upload)
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    }

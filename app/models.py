"""Imports every model so that the metadata (and alembic autogenerate) sees all tables."""
from app.accounts.models import ApiToken, LoginAttempt, User  # noqa: F401
from app.admin.models import AdminAuditEntry  # noqa: F401
from app.calendar.models import CalendarOverride  # noqa: F401
from app.cases.models import Case, CaseEvent, CaseMaterial, CaseNumberCounter  # noqa: F401
from app.catalogue.models import ItemCoDepartment, ItemMaterial, ServiceItem  # noqa: F401
from app.clock.models import CaseExtension, CasePause  # noqa: F401
from app.notifications.models import Notification  # noqa: F401
from app.paperwork.models import CaseNotice  # noqa: F401
from app.documents.models import DecisionDocument, LicenceFile  # noqa: F401
from app.handover.models import MaterialHandover  # noqa: F401
from app.applications.models import OnlineApplication, OnlineSubmissionAttempt  # noqa: F401
from app.network.models import (  # noqa: F401
    Department, Project, Region, Sector, ServiceCentre, TongbanListing, Window, WindowKind,
)
from app.supervision.models import SupervisionCard  # noqa: F401
from app.supervision import freshness  # noqa: F401  (clears a case's next level check when its clock changes)
from app.tasks.models import HumanTask, TaskCandidate  # noqa: F401
from app.workflow.models import DecisionDefinition, ProcessDefinition, WorkflowInstance  # noqa: F401
from app.decisions.models import DecisionVersion  # noqa: F401
from app.licences.models import CaseDelivery, Licence  # noqa: F401
from app.progress.models import PublicLookupAttempt  # noqa: F401
from app.ratings.models import Rating  # noqa: F401
from app.files.models import CaseFile  # noqa: F401
from app.security.models import PageSession  # noqa: F401
from app.portal.accounts.models import ApplicantAccount  # noqa: F401
from app.feedback.models import FeedbackEvent, FeedbackRecord  # noqa: F401
from app.exchange.models import Delivery, ExchangeClient, ExchangeToken, OutboxRecord, Subscriber  # noqa: F401
from app.designer.models import ProcessDraft  # noqa: F401
from app.themes.models import Theme, ThemeApplication, ThemeCase, ThemeChild, ThemeMember  # noqa: F401

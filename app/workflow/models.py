"""Stored process definitions (once per content hash) and per-case workflow state (state only, no spec)."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db


class ProcessDefinition(db.Model):
    """One deployed version of a BPMN process; the serialized spec is stored here once, not per case."""

    __tablename__ = "process_definitions"
    __table_args__ = (
        sa.UniqueConstraint("process_key", "version", name="uq_process_definitions_key_version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    process_key: Mapped[str] = mapped_column(sa.String(100), index=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    version: Mapped[int]
    #: not unique: deploying an earlier content again (a rollback) makes it the newest version again
    content_hash: Mapped[str] = mapped_column(sa.String(64), index=True)
    bpmn_file: Mapped[str] = mapped_column(sa.String(200))
    # large columns are loaded only when needed (the parsed spec is cached per content hash)
    bpmn_xml: Mapped[str] = mapped_column(sa.Text, deferred=True)
    dmn_sources: Mapped[dict] = mapped_column(sa.JSON, default=dict, deferred=True)
    spec_json: Mapped[str] = mapped_column(sa.Text, deferred=True)
    deployed_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    deployed_by: Mapped[str | None] = mapped_column(sa.String(80))


class WorkflowInstance(db.Model):
    """The engine state of one running process. ``revision`` guards against lost updates."""

    __tablename__ = "workflow_instances"

    id: Mapped[int] = mapped_column(primary_key=True)
    definition_id: Mapped[int] = mapped_column(sa.ForeignKey("process_definitions.id"), index=True)
    state: Mapped[str] = mapped_column(sa.Text)
    serializer_version: Mapped[str] = mapped_column(sa.String(10))
    revision: Mapped[int] = mapped_column(default=1)
    completed: Mapped[bool] = mapped_column(default=False)
    #: earliest due time of a waiting timer event; the scheduler finds due work with one indexed query
    next_due: Mapped[object | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    definition: Mapped[ProcessDefinition] = relationship()

    __mapper_args__ = {"version_id_col": revision}


class DecisionDefinition(db.Model):
    """One deployed version of a DMN decision table; the newest version of a decision is what every
    business rule task calling it evaluates (app.workflow.decisions), whatever table its process embedded."""

    __tablename__ = "decision_definitions"
    __table_args__ = (
        sa.UniqueConstraint("decision_key", "version", name="uq_decision_definitions_key_version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_key: Mapped[str] = mapped_column(sa.String(100), index=True)
    version: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    file_name: Mapped[str] = mapped_column(sa.String(200))
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    dmn_xml: Mapped[str] = mapped_column(sa.Text, deferred=True)
    deployed_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    deployed_by: Mapped[str | None] = mapped_column(sa.String(80))

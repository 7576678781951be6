"""Deploying BPMN files as versioned process definitions and caching their parsed specs."""
import hashlib
import logging
import threading
from pathlib import Path

import sqlalchemy as sa

from app.extensions import db

from . import serializer
from .decisions import bind_deployed_decisions
from .models import ProcessDefinition
from .parser import ProcessDefinitionError, build_parser, parse_process

logger = logging.getLogger(__name__)

_spec_cache: dict[str, tuple] = {}
_spec_cache_lock = threading.Lock()


class UnknownProcess(LookupError):
    pass


def content_hash(bpmn_xml: bytes, dmn_sources: dict) -> str:
    digest = hashlib.sha256(bpmn_xml)
    for name in sorted(dmn_sources):
        digest.update(b"\0" + name.encode() + b"\0" + dmn_sources[name])
    return digest.hexdigest()


def executable_process_ids(bpmn_name: str, bpmn_xml: bytes, dmn_sources: dict) -> list[str]:
    parser = build_parser({bpmn_name: bpmn_xml}, dmn_sources)
    return parser.get_process_ids()


def deploy(bpmn_name: str, bpmn_xml: bytes, dmn_sources: dict, deployed_by: str | None = None):
    """Parse a BPMN file (with the DMN tables it may call) and store a new version of each executable
    process in it whose content changed. Returns the current definitions. Flushes, never commits."""
    digest = content_hash(bpmn_xml, dmn_sources)
    unchanged = _current_definitions_of(bpmn_name, digest)
    if unchanged:
        return unchanged
    parser = build_parser({bpmn_name: bpmn_xml}, dmn_sources)
    process_ids = parser.get_process_ids()
    if not process_ids:
        raise ProcessDefinitionError(f"{bpmn_name}: 没有可执行的流程（isExecutable=\"true\"）")
    definitions = []
    for process_key in process_ids:
        latest = latest_definition(process_key, required=False)
        if latest is not None and latest.content_hash == digest:
            definitions.append(latest)
            continue
        spec, subprocess_specs = parse_process(parser, process_key)
        definition = ProcessDefinition(
            process_key=process_key,
            name=spec.description or process_key,
            version=(latest.version + 1) if latest else 1,
            content_hash=digest,
            bpmn_file=bpmn_name,
            bpmn_xml=bpmn_xml.decode("utf-8"),
            dmn_sources={name: src.decode("utf-8") for name, src in dmn_sources.items()},
            spec_json=serializer.dump_spec(spec, subprocess_specs),
            deployed_by=deployed_by,
        )
        db.session.add(definition)
        db.session.flush()
        logger.info("deployed process %s version %s (%s)", process_key, definition.version, digest[:12])
        definitions.append(definition)
    return definitions


def _current_definitions_of(bpmn_name: str, digest: str) -> list[ProcessDefinition]:
    """Definitions deployed from exactly this content that are still the latest version of their process."""
    rows = db.session.scalars(
        sa.select(ProcessDefinition).where(
            ProcessDefinition.bpmn_file == bpmn_name, ProcessDefinition.content_hash == digest
        )
    ).all()
    return [row for row in rows if latest_definition(row.process_key).id == row.id]


def read_rules(rules_dir) -> dict:
    return {p.name: p.read_bytes() for p in sorted(Path(rules_dir).glob("*.dmn"))}


def deploy_directory(bpmn_dir, rules_dir, deployed_by: str | None = None, keep_others: bool = False):
    """Deploy every ``*.bpmn`` under bpmn_dir with every ``*.dmn`` under rules_dir. With ``keep_others`` a
    file is skipped when the latest version of a process in it was deployed by someone other than
    ``deployed_by`` (a designer's newer version is never overwritten by the shipped file)."""
    dmn_sources = read_rules(rules_dir)
    deployed = []
    for path in sorted(Path(bpmn_dir).glob("*.bpmn")):
        source = path.read_bytes()
        if keep_others:
            keys = executable_process_ids(path.name, source, dmn_sources)
            mine = [latest_definition(key, required=False) for key in keys]
            others = [d for d in mine if d is not None and d.deployed_by != deployed_by]
            if others:
                logger.info("%s not deployed: %s", path.name, ", ".join(
                    f"{d.process_key} v{d.version} was deployed by {d.deployed_by}" for d in others))
                deployed.extend(others)
                continue
        deployed.extend(deploy(path.name, source, dmn_sources, deployed_by))
    return deployed


def latest_definition(process_key: str, required: bool = True):
    definition = db.session.scalars(
        sa.select(ProcessDefinition)
        .where(ProcessDefinition.process_key == process_key)
        .order_by(ProcessDefinition.version.desc())
        .limit(1)
    ).first()
    if definition is None and required:
        raise UnknownProcess(f"流程 {process_key} 尚未部署")
    return definition


def spec_for(definition: ProcessDefinition):
    """Parsed spec objects of a definition, restored once per process and content hash and then shared; its
    business rule tasks evaluate the deployed version of their decision (app.workflow.decisions)."""
    key = f"{definition.process_key}:{definition.content_hash}"
    cached = _spec_cache.get(key)
    if cached is None:
        with _spec_cache_lock:
            cached = _spec_cache.get(key)
            if cached is None:
                cached = serializer.load_spec(definition.spec_json)
                bind_deployed_decisions(*cached, definition.dmn_sources)
                _spec_cache[key] = cached
    return cached

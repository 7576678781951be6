"""The service-network migration moves a running case of the old shape (one centre, sector windows, groups
``window:<sector>``) into the network without loss: the case gets its centre and region codes, its window
tasks and notifications are addressed to that centre's windows, and the clerk can still issue it."""
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from flask import current_app
from flask_migrate import upgrade

from app import create_app
from app.accounts.services import hash_password
from app.extensions import db
from app.workflow import WorkflowRun, deploy_directory
from app.workflow.models import DecisionDefinition

OLD_HEAD = "f4a0a9e50001"
NOW = datetime(2026, 3, 2, 1, 30, tzinfo=timezone.utc)


def _drop_everything(engine):
    with engine.begin() as connection:
        metadata = sa.MetaData()
        metadata.reflect(connection)
        metadata.drop_all(connection)


def _migration_url(database_url, tmp_path):
    """A database of its own: the session's database stays at head for the other tests."""
    url = sa.engine.make_url(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    if url.get_backend_name() == "sqlite":
        return f"sqlite:///{tmp_path / 'old_shape.sqlite3'}"
    name = f"{url.database}_migration"
    server = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        if not connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture()
def old_shape_app(database_url, tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": _migration_url(database_url, tmp_path),
                      "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST_KIB": 8})
    with app.app_context():
        _drop_everything(db.engine)
        upgrade(revision=OLD_HEAD)
    yield app
    with app.app_context():
        db.session.remove()
        _drop_everything(db.engine)
        db.engine.dispose()


def _engine_at_issuance(case_no):
    """The engine state of a food-licence case approved by 承办, 审核 and 审批: 出件 is ready."""
    run = WorkflowRun.start("standard_approval", {
        "case_no": case_no, "item_code": "330100-XK-001", "item_name": "食品经营许可", "sector": "commerce",
        "item_department": "SCJGJ", "lead_department": "SCJGJ", "co_departments": [], "countersign": "all",
        "timeout_action": "remind"})
    forms = [("acceptance", {"acceptance_decision": "accept", "missing_materials": [], "reason": None})]
    forms += [("approval", {"decision": "approve", "opinion": "同意"})] * 3
    for form_key, form in forms:
        task = next(t for t in run.ready_tasks() if t.form_key == form_key)
        run.complete_task(task.id, form)
    run.save()
    issuance = next(t for t in run.ready_tasks() if t.form_key == "issuance")
    return run.instance.id, issuance


def _insert_old_shape_case(connection, instance_id, issuance, case_no):
    tables = sa.MetaData()
    tables.reflect(connection)
    t = tables.tables

    def insert(table, **row):
        return connection.execute(t[table].insert().values(**row)).inserted_primary_key[0]

    centre = insert("service_centres", code="330100", name="示范市政务服务中心", address="市民中心", phone="12345")
    window = insert("windows", centre_id=centre, code="W-COMMERCE", name="商事登记综合窗口", sector="commerce")
    department = insert("departments", code="SCJGJ", name="示范市市场监督管理局")
    password = hash_password("Demo@2025")
    clerk = insert("users", username="clerk_commerce", display_name="商事窗口 王敏", role="clerk",
                   password_hash=password, window_id=window, active=True, created_at=NOW)
    insert("users", username="supervisor", display_name="电子监察", role="supervisor", password_hash=password,
           active=True, created_at=NOW)
    item = insert("service_items", code="330100-XK-001", basic_code="000116011000", version=1, status="published",
                  name="食品经营许可", item_type="01", exercise_level="3", case_type="2", sector="commerce",
                  department_id=department, legal_basis="", service_objects=["1"], acceptance_conditions="",
                  legal_limit=10, legal_limit_unit="working_day", promised_limit=5,
                  promised_limit_unit="working_day", charges_fee=False, fee_basis="", handling_forms=["1"],
                  online_depth="III", result_name="食品经营许可证", process_key="standard_approval",
                  timeout_action="remind", countersign_mode="all", created_at=NOW)
    insert("item_materials", item_id=item, code="M01", name="食品经营许可申请书", issuing_body="申请人自备",
           originals=1, copies=0, required=True, form="paper", standard="", position=0)
    case = insert("cases", case_no=case_no, item_id=item, window_id=window, workflow_instance_id=instance_id,
                  status="awaiting_issue", result="approved", applicant_kind="person", applicant_name="张三",
                  applicant_id_number="11010519491231002X", applicant_phone="13812345678", received_at=NOW,
                  accepted_at=NOW, decided_at=NOW, missing_materials=[], created_by_id=clerk, last_event_seq=0,
                  last_event_hash="", channel="window")
    connection.execute(t["human_tasks"].insert().values(
        id=issuance.id, case_id=case, step_id=issuance.step_id, step="issue", name=issuance.name,
        form_key="issuance", decisions="", state="ready", created_at=NOW, transferred=False))
    connection.execute(t["task_candidates"].insert().values(task_id=issuance.id, group_name="window:commerce"))
    insert("notifications", recipient_group="window:commerce", case_id=case, kind="due_soon",
           message="请及时出件", created_at=NOW)
    return case


def test_a_running_case_of_the_old_shape_is_moved_into_the_network_and_still_issued(old_shape_app):
    app, case_no = old_shape_app, "3301002026030200001"
    with app.app_context():
        deploy_directory(current_app.config["BPMN_DIR"], current_app.config["RULES_DIR"], deployed_by="test")
        db.session.commit()
        # today's engine looks up deployed decision tables (a later revision's table): present only while the
        # old-shape engine state is made, then gone again for the migration to create
        decisions = DecisionDefinition.__table__
        decisions.create(db.engine)
        instance_id, issuance = _engine_at_issuance(case_no)
        db.session.commit()
        decisions.drop(db.engine)
        with db.engine.begin() as connection:
            case_id = _insert_old_shape_case(connection, instance_id, issuance, case_no)

        upgrade()

        with db.engine.connect() as connection:
            row = connection.execute(sa.text(
                "SELECT c.receiving_centre_id, sc.code, c.receiving_region_code, c.handling_region_code,"
                " c.tongban_scope FROM cases c JOIN service_centres sc ON sc.id = c.receiving_centre_id"
                " WHERE c.id = :id"), {"id": case_id}).one()
            groups = connection.execute(sa.text("SELECT group_name FROM task_candidates")).scalars().all()
            notified = connection.execute(sa.text("SELECT recipient_group FROM notifications")).scalars().all()
            city = connection.execute(sa.text(
                "SELECT r.code, r.level, sc.kind, w.kind FROM service_centres sc JOIN regions r ON r.id = sc.region_id"
                " JOIN windows w ON w.centre_id = sc.id")).one()
            item_region = connection.execute(sa.text(
                "SELECT r.code FROM service_items i JOIN regions r ON r.id = i.region_id")).scalar_one()
            query_code = connection.execute(sa.text("SELECT query_code FROM cases WHERE id = :id"),
                                            {"id": case_id}).scalar_one()
        db.session.remove()
    # the old case got a random 查询码 of its own (not its applicant's ID tail)
    assert len(query_code) == 8 and set(query_code) <= set("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    assert row[1:] == ("330100", "330100", "330100", None)
    assert groups == ["window:330100:commerce"] and notified == ["window:330100:commerce"]
    assert city == ("330100", "city", "city", "comprehensive") and item_region == "330100"

    client = app.test_client()
    token = client.post("/api/v1/auth/token", json={"username": "clerk_commerce", "password": "Demo@2025"})
    headers = {"Authorization": f"Bearer {token.get_json()['token']}"}
    tasks = client.get("/api/v1/tasks", headers=headers).get_json()
    assert [(t["case_no"], t["name"]) for t in tasks] == [(case_no, "出件")]
    assert [n["message"] for n in client.get("/api/v1/notifications", headers=headers).get_json()] == ["请及时出件"]
    issued = client.post(f"/api/v1/cases/{case_no}/issue", headers=headers, json={
        "method": "window", "recipient": "张三", "recipient_id_number": "11010519491231002X"})
    assert issued.status_code == 200, issued.get_json()
    assert issued.get_json()["status"] == "finished"

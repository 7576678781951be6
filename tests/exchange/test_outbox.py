"""Outbound: every change of a case and of its e-licence is written to the outbox in the transaction of the
change, numbered per case, and delivered to a webhook in order, signed, masked as the contract says."""
import hashlib
import hmac

import sqlalchemy as sa

from app.exchange.models import OutboxRecord
from app.extensions import db
from tests.support import FOOD_LICENCE

from .support import Receiver, RunningPublisher, add_subscriber, decided_case, wait_for


def outbox_of(app, case_no):
    with app.app_context():
        return [(r.seq, r.topic) for r in db.session.scalars(
            sa.select(OutboxRecord).where(OutboxRecord.case_no == case_no).order_by(OutboxRecord.seq))]


def test_each_change_of_a_case_is_in_the_outbox_numbered_per_case(app, api):
    case_no = decided_case(api)
    assert api.as_user("clerk_commerce").issue(case_no).status_code == 200
    records = outbox_of(app, case_no)
    assert [seq for seq, _ in records] == list(range(1, len(records) + 1))
    topics = [topic for _, topic in records]
    for expected in ("case.received", "case.accepted", "task.completed", "case.decided", "licence.issued",
                     "case.issued", "case.finished"):
        assert expected in topics, topics
    assert topics.index("case.accepted") < topics.index("task.completed") < topics.index("case.decided")
    assert topics.index("case.decided") < topics.index("licence.issued")
    assert topics.count("task.completed") == 3


def test_a_refused_request_writes_nothing_to_the_outbox(app, api):
    clerk = api.as_user("clerk_commerce")
    response = clerk.submit_case(FOOD_LICENCE, materials=["M01"], decision="accept")
    assert response.status_code in (409, 422)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxRecord)) == 0


def test_a_webhook_gets_the_events_of_a_case_in_order_signed_and_masked(app, api):
    with Receiver() as receiver:
        subscriber = add_subscriber(api, url=receiver.url, secret="s" * 32)
        case_no = decided_case(api)
        expected = outbox_of(app, case_no)
        with RunningPublisher(app):
            wait_for(lambda: len(receiver.accepted()) >= len(expected), message="all events at the receiver")
        events = receiver.accepted()
        assert [(e["seq"], e["event_type"]) for e in events] == expected
        first = receiver.requests[0]
        timestamp, _, digest = first["headers"]["X-Yichuang-Signature"].partition(",v1=")
        signed = f"{timestamp.removeprefix('t=')}.".encode() + first["body"]
        assert hmac.compare_digest(digest, hmac.new(b"s" * 32, signed, hashlib.sha256).hexdigest())
        assert first["headers"]["Idempotency-Key"] == f"case:{case_no}:1"
        applicant = events[0]["case"]["applicant"]
        assert applicant["name"] == "张*" and applicant["id_number"] == "1101**********002X"
        assert applicant["phone"] == "138****5678" and events[0]["personal_data"] == "masked"
        completed = next(e for e in events if e["event_type"] == "task.completed")
        assert completed["step"]["handler"] and completed["step"]["action"] == "pass"
        assert completed["step"]["department"]["name"] == "示范市市场监督管理局"
        stats = api.as_user("admin").get("/api/v1/admin/exchange/subscribers").get_json()[0]["stats"]
        assert stats["delivered"] == len(expected) and subscriber["personal_data"] == "masked"


def test_a_subscriber_with_a_full_contract_gets_the_applicants_data(app, api):
    with Receiver() as receiver:
        add_subscriber(api, url=receiver.url, personal_data="full", topics=["case.received"])
        api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
        with RunningPublisher(app):
            wait_for(receiver.accepted, message="the 收件 event")
        [event] = receiver.accepted()
        assert event["case"]["applicant"]["id_number"] == "11010519491231002X" and "personal_data" not in event


def test_a_receiver_that_fails_three_times_gets_the_event_on_the_fourth_try(app, api):
    with Receiver(fail_first=3) as receiver:
        add_subscriber(api, url=receiver.url, topics=["case.received"])
        api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
        with RunningPublisher(app):
            wait_for(receiver.accepted, message="the fourth try")
        assert len(receiver.requests) == 4
        assert len({r["headers"]["Idempotency-Key"] for r in receiver.requests}) == 1
        assert [e["event_type"] for e in receiver.accepted()] == ["case.received"]

"""The publisher's guarantees: a dead letter holds its case's later events until it is replayed; two
publishers never deliver the same event twice; the admin page shows lag, failures and dead letters; an
e-licence's revocation and expiry go out like the case's events."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from app.exchange.expiry import publish_expired_licences
from app.exchange.models import Delivery, OutboxRecord
from app.extensions import db
from tests.support import FOOD_LICENCE

from .support import Receiver, RunningPublisher, add_subscriber, decided_case, wait_for


def statuses(app):
    with app.app_context():
        return dict(db.session.execute(sa.select(Delivery.status, sa.func.count()).group_by(Delivery.status)).all())


def test_a_dead_letter_holds_the_cases_later_events_until_it_is_replayed(app, api, admin_pages):
    with Receiver(fail_first=10**6) as receiver:
        subscriber = add_subscriber(api, url=receiver.url, max_attempts=2)
        case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
        with RunningPublisher(app):
            wait_for(lambda: statuses(app).get("dead") == 1, message="a dead letter")
        assert statuses(app)["pending"] >= 1  # 受理 waits behind the dead 收件
        assert len(receiver.requests) == 2  # two attempts, then it stopped trying

        page = admin_pages.get("/admin/exchange").get_data(as_text=True)
        assert "省政务服务平台" in page and "HTTP 500" in page and 'data-stat="dead">1<' in page

        receiver.fail_first = len(receiver.requests)  # the platform is back
        since = datetime.now(timezone.utc) - timedelta(hours=1)
        replayed = api.as_user("admin").post(f"/api/v1/admin/exchange/subscribers/{subscriber['id']}/replay",
                                             json={"since": since.isoformat()})
        assert replayed.status_code == 200 and replayed.get_json()["count"] >= 2
        with RunningPublisher(app):
            wait_for(lambda: set(statuses(app)) == {"delivered"}, message="everything delivered")
        events = receiver.accepted()
        assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
        assert events[0]["event_id"] == f"case:{case_no}:1"


def test_the_admin_page_retries_a_dead_letter(app, api, admin_pages):
    with Receiver(fail_first=10**6) as receiver:
        subscriber = add_subscriber(api, url=receiver.url, max_attempts=1, topics=["case.received"])
        api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
        with RunningPublisher(app):
            wait_for(lambda: statuses(app).get("dead") == 1, message="a dead letter")
        receiver.fail_first = len(receiver.requests)
        admin_pages.get("/admin/exchange")
        answer = admin_pages.post(f"/admin/exchange/subscribers/{subscriber['id']}/retry")
        assert answer.status_code == 302
        with RunningPublisher(app):
            wait_for(receiver.accepted, message="the retried event")
        assert statuses(app) == {"delivered": 1}


def test_the_replay_command_queues_the_events_since_a_point_in_time(app, api):
    with Receiver() as receiver:
        add_subscriber(api, url=receiver.url, topics=["case.received"])
        api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
        with RunningPublisher(app):
            wait_for(receiver.accepted, message="the first delivery")
        since = (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()
        result = app.test_cli_runner().invoke(args=["exchange", "replay", "省政务服务平台", since])
        assert result.exit_code == 0 and "已重新排队 1 个事件" in result.output
        with RunningPublisher(app):
            wait_for(lambda: len(receiver.requests) == 2, message="the replayed delivery")
        assert len(set(receiver.keys())) == 1  # the same idempotency key: the receiver drops the repeat


def test_two_publishers_never_deliver_the_same_event_twice(app, api):
    with Receiver() as receiver:
        add_subscriber(api, url=receiver.url)
        cases = [decided_case(api) for _ in range(3)]
        with app.app_context():
            total = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxRecord))
        with RunningPublisher(app, batch=4, name="one"), RunningPublisher(app, batch=4, name="two"):
            wait_for(lambda: len(receiver.requests) >= total, message="every event delivered")
        keys = receiver.keys()
        assert len(keys) == len(set(keys)) == total
        for case_no in cases:
            assert [e["seq"] for e in receiver.accepted() if e["case"]["case_no"] == case_no] == list(
                range(1, total // 3 + 1))


def test_revoking_and_expiring_e_licences_are_published(app, api, case_clock):
    first, second = decided_case(api), decided_case(api)
    licences = {n: api.as_user("clerk_commerce").get("/api/v1/licences", query_string={"case_no": n}).get_json()[0]
                for n in (first, second)}
    revoked = api.as_user("scjgj_head").post(f"/api/v1/licences/{licences[first]['id']}/revoke",
                                              json={"reason": "以欺骗手段取得许可"})
    assert revoked.status_code == 200
    case_clock.set(datetime(2031, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    with app.app_context():
        assert publish_expired_licences() == 1  # the revoked one does not expire
        assert publish_expired_licences() == 0  # once
        records = {r.topic: r for r in db.session.scalars(sa.select(OutboxRecord).where(
            OutboxRecord.topic.like("licence.%")))}
    assert records["licence.revoked"].payload["licence"]["status"] == "revoked"
    assert records["licence.revoked"].case_no == first
    expired = records["licence.expired"].payload
    assert expired["licence"]["number"] == licences[second]["number"] and expired["licence"]["status"] == "expired"
    assert expired["event_id"] == f"licence:{licences[second]['number']}:expired"

"""`flask seed-demo` builds the demo network once: running it again adds nothing twice and keeps what was
changed since (a renamed user, a deactivated 通办 listing, a newer item version)."""
import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.catalogue.models import ServiceItem
from app.extensions import db
from app.network.models import Department, Region, ServiceCentre, TongbanListing, Window

COUNTED = (User, Region, ServiceCentre, Window, Department, ServiceItem, TongbanListing)


def _counts():
    return {model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in COUNTED}


@pytest.mark.usefixtures("db")
def test_the_demo_network_has_every_level_and_re_seeding_keeps_newer_data(app):
    with app.app_context():
        levels = dict(db.session.execute(sa.select(Region.code, Region.level)).all())
        assert levels == {"330100": "city", "330102": "district", "330103": "district",
                          "330102001": "street", "330102001001": "community"}
        kinds = dict(db.session.execute(sa.select(ServiceCentre.code, ServiceCentre.kind)).all())
        assert kinds == {"330100": "city", "330102": "district", "330103": "district", "330102001": "street",
                         "330102001001": "station"}
        agent = db.session.scalars(sa.select(User).where(User.username == "agent_xingfu")).one()
        assert (agent.role, agent.centre.code, agent.scope_region.code) == ("agent", "330102001001", "330102001001")
        before = _counts()
        db.session.scalars(sa.select(User).where(User.username == "clerk_general")).one().display_name = "全科 新名字"
        db.session.scalars(sa.select(TongbanListing).where(TongbanListing.item_code == "330102-XK-001")).one() \
            .active = False
        db.session.scalars(sa.select(ServiceItem).where(ServiceItem.code == "330103-XK-001")).one().promised_limit = 3
        db.session.commit()

    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0 and "已存在" in result.output, result.output

    with app.app_context():
        assert _counts() == before
        assert db.session.scalars(sa.select(User.display_name).where(User.username == "clerk_general")).one() == \
            "全科 新名字"
        assert db.session.scalars(sa.select(TongbanListing.active).where(
            TongbanListing.item_code == "330102-XK-001")).one() is False
        assert db.session.scalars(sa.select(ServiceItem.promised_limit).where(
            ServiceItem.code == "330103-XK-001")).one() == 3

"""``flask exchange run`` (the publisher process; several may run), ``flask exchange replay`` and
``flask exchange client-create`` (register a department system)."""
import logging
import signal
import threading
from datetime import datetime, timezone

import click
from flask.cli import AppGroup

from app.extensions import db

from . import clients, services
from .models import CLIENT_SCOPES, PERSONAL_DATA
from .publisher import Publisher

logger = logging.getLogger(__name__)

exchange_cli = AppGroup("exchange", help="互联互通：发布办件与电子证照事件、重放、部门系统客户端")


@exchange_cli.command("run")
@click.option("--poll", default=1.0, show_default=True, help="无待投递事件时的轮询间隔（秒）")
@click.option("--batch", default=100, show_default=True, help="每轮最多领取的投递数")
@click.option("--lease", default=60.0, show_default=True, help="领取租约（秒）：进程中断后，他人在租约到期后接手")
@click.option("--expire-every", default=300.0, show_default=True, help="检查电子证照过期的间隔（秒），0 为不检查")
@click.option("--rounds", type=int, default=None, help="只运行若干轮（测试与排障）")
def run_command(poll, batch, lease, expire_every, rounds):
    """Deliver the outbox to every subscriber until stopped (SIGTERM / Ctrl-C end the current round first)."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    Publisher(batch=batch, poll=poll, lease=lease, expire_every=expire_every).run(stop=stop, rounds=rounds)


@exchange_cli.command("replay")
@click.argument("subscriber")
@click.argument("since")
def replay_command(subscriber, since):
    """Deliver again to SUBSCRIBER (name or id) every event since SINCE (ISO 8601, e.g. 2026-12-01T08:00+08:00)."""
    moment = datetime.fromisoformat(since)
    if moment.tzinfo is None:
        raise click.BadParameter("须带时区，如 2026-12-01T08:00+08:00", param_hint="SINCE")
    target = next((s for s in services.subscribers() if s.name == subscriber or str(s.id) == subscriber), None)
    if target is None:
        raise click.BadParameter(f"没有订阅方 {subscriber}", param_hint="SUBSCRIBER")
    count = services.replay(None, target.id, moment.astimezone(timezone.utc))
    db.session.commit()
    click.echo(f"{target.name}: 已重新排队 {count} 个事件")


@exchange_cli.command("retry")
@click.argument("subscriber")
def retry_command(subscriber):
    """Put every dead letter of SUBSCRIBER (name or id) back in the queue."""
    target = next((s for s in services.subscribers() if s.name == subscriber or str(s.id) == subscriber), None)
    if target is None:
        raise click.BadParameter(f"没有订阅方 {subscriber}", param_hint="SUBSCRIBER")
    count = services.retry_dead(None, target.id)
    db.session.commit()
    click.echo(f"{target.name}: 已重试 {count} 条死信")


@exchange_cli.command("client-create")
@click.argument("client_id")
@click.option("--name", required=True, help="系统名称，如 市场监管局审批系统")
@click.option("--department", "department_code", required=True, help="部门编码，如 SCJGJ")
@click.option("--scope", "scopes", multiple=True, type=click.Choice(sorted(CLIENT_SCOPES)), required=True)
@click.option("--personal-data", type=click.Choice(sorted(PERSONAL_DATA)), default="masked", show_default=True)
def client_create_command(client_id, name, department_code, scopes, personal_data):
    """Register a department system; prints its client secret once."""
    client, secret = clients.create_client(None, client_id=client_id, name=name, department_code=department_code,
                                           scopes=list(scopes), personal_data=personal_data)
    db.session.commit()
    click.echo(f"client_id={client.client_id}\nclient_secret={secret}")

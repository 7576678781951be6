"""Flask CLI commands: ``flask seed-demo``, ``flask workflow deploy``."""
import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from app.extensions import db

workflow_cli = AppGroup("workflow", help="流程定义管理")
audit_cli = AppGroup("audit", help="办理记录防篡改校验")


@audit_cli.command("verify")
def audit_verify_command():
    """Check every case's HMAC-chained history, the global ledger and the checkpoint files outside the
    database; report the first broken link of each broken case and every break of the ledger."""
    from app.cases.audit import verify_all, verify_ledger

    checked, broken = 0, 0
    for checked, link in verify_all():
        if link is not None:
            broken += 1
            click.echo(f"断链: {link}")
    ledger_breaks = list(verify_ledger())
    for message in ledger_breaks:
        click.echo(f"总账: {message}")
    if broken or ledger_breaks:
        click.echo(f"已校验 {checked} 个办件，{broken} 个办件的办理记录不完整，总账问题 {len(ledger_breaks)} 处")
        raise SystemExit(1)
    click.echo(f"已校验 {checked} 个办件，办理记录完整，总账与检查点一致")


@audit_cli.command("checkpoint")
def audit_checkpoint_command():
    """Append new events to the global ledger and write a signed checkpoint file (the scheduler does this
    every few minutes)."""
    from app.cases.ledger import checkpoint_job, ledger_head

    checkpoint_job()
    head = ledger_head()
    click.echo(f"总账共 {head.global_seq if head else 0} 条，检查点目录 {current_app.config['AUDIT_CHECKPOINT_DIR']}")


@workflow_cli.command("deploy")
def deploy_command():
    """Deploy bpmn/*.bpmn with rules/*.dmn (a new version only where the content changed); a decision table
    a person changed in the browser is kept (app.decisions)."""
    from app.decisions.services import seed_from_files
    from app.workflow import deploy_directory

    definitions = deploy_directory(current_app.config["BPMN_DIR"], current_app.config["RULES_DIR"], "cli")
    decisions = seed_from_files(current_app.config["RULES_DIR"])
    db.session.commit()
    for version in decisions:
        click.echo(f"决策 {version.decision_key} v{version.number}（{version.file_name}）")
    for definition in definitions:
        click.echo(f"{definition.process_key} v{definition.version} ({definition.content_hash[:12]})")


@click.command("seed-demo")
@click.option("--cases", "cases", type=click.IntRange(min=0), default=0,
              help="办件总数：补足到 N 个办件（各种状态，分布在过去几周；默认不生成办件）")
@click.option("--weeks", type=click.IntRange(min=1, max=104), default=8, help="办件收件日期分布的周数")
@with_appcontext
def seed_demo_command(cases, weeks):
    """Create the demo service network, departments, users and catalogue (idempotent: adds only what is missing);
    with ``--cases N``, add cases in every state until N cases exist."""
    from app.demo.bulk import seed_cases
    from app.demo.seed import seed_demo
    from app.documents.keys import ensure_demo_seals, keys_dir
    from app.network.models import Department

    created = seed_demo()
    db.session.commit()
    click.echo("演示数据已就绪" + ("（新建）" if created else "（已存在：保留已有数据，只补充缺少的部分）"))
    seals = ensure_demo_seals(db.session.scalars(db.select(Department)).all())
    click.echo(f"演示电子印章（CA 与 {seals} 个部门证书）：{keys_dir()}")
    if cases:
        added = seed_cases(cases, weeks=weeks)
        db.session.commit()
        click.echo(f"演示办件：新增 {added} 个，共 {cases} 个以上" if added else f"演示办件已有 {cases} 个以上，未新增")


scheduler_cli = AppGroup("scheduler", help="定时任务：环节计时器、预警等级、催办")


@scheduler_cli.command("run")
def scheduler_run_command():
    """Run the scheduler in this process until stopped (timers every second). Several may run at once."""
    from app.scheduler.jobs import run_blocking

    run_blocking(current_app._get_current_object())


@scheduler_cli.command("sweep")
def scheduler_sweep_command():
    """Fire every due timer once, now, and exit."""
    from app.scheduler.jobs import TimerJob

    click.echo(f"已触发 {TimerJob().run()} 个办件的计时器")


demo_cli = AppGroup("demo", help="演示辅助命令")


@demo_cli.command("overdue")
@click.argument("case_no")
@click.option("--fire/--no-fire", default=True, help="立即触发（默认），或留给运行中的调度器在 1 秒内触发")
def demo_overdue_command(case_no, fire):
    """Let the current step of a case run over its limit: its timer becomes due now (督办 follows)."""
    from app.errors import ServiceError
    from app.scheduler.demo import make_step_overdue

    try:
        lines = make_step_overdue(case_no, fire=fire)
    except ServiceError as exc:
        raise click.ClickException(exc.message) from exc
    for line in lines:
        click.echo(line)


def register_commands(app) -> None:
    app.cli.add_command(scheduler_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(workflow_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(seed_demo_command)
    from app.catalogue.cli import catalogue_cli
    from app.files.cli import files_cli

    app.cli.add_command(catalogue_cli)
    app.cli.add_command(files_cli)

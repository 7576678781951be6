"""Flask CLI commands: ``flask seed-demo``, ``flask workflow deploy``."""
import click
from flask import current_app
from flask.cli import AppGroup

from app.extensions import db

workflow_cli = AppGroup("workflow", help="流程定义管理")
audit_cli = AppGroup("audit", help="办理记录防篡改校验")


@audit_cli.command("verify")
def audit_verify_command():
    """Check every case's hash-chained history; report the first broken link of each broken case."""
    from app.cases.audit import verify_all

    checked, broken = 0, 0
    for checked, link in verify_all():
        if link is not None:
            broken += 1
            click.echo(f"断链: {link}")
    if broken:
        click.echo(f"已校验 {checked} 个办件，{broken} 个办件的办理记录不完整")
        raise SystemExit(1)
    click.echo(f"已校验 {checked} 个办件，办理记录完整")


@workflow_cli.command("deploy")
def deploy_command():
    """Deploy bpmn/*.bpmn with rules/*.dmn (a new version only where the content changed)."""
    from app.workflow import deploy_directory

    definitions = deploy_directory(current_app.config["BPMN_DIR"], current_app.config["RULES_DIR"], "cli")
    db.session.commit()
    for definition in definitions:
        click.echo(f"{definition.process_key} v{definition.version} ({definition.content_hash[:12]})")


@click.command("seed-demo")
def seed_demo_command():
    """Create the demo service centre, departments, users and catalogue (idempotent)."""
    from app.demo.seed import seed_demo

    created = seed_demo()
    db.session.commit()
    click.echo("演示数据已就绪" + ("（新建）" if created else "（已存在，未改动）"))


def register_commands(app) -> None:
    app.cli.add_command(workflow_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(seed_demo_command)

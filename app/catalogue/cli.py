"""``flask catalogue export|import|demo-workbook``: the catalogue as an Excel workbook from the shell."""
from pathlib import Path

import click
from flask.cli import with_appcontext

from app.errors import ServiceError
from app.extensions import db

from . import workbook

catalogue_cli = click.Group("catalogue", help="事项目录 Excel 导入导出")


@catalogue_cli.command("export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def export_command(path):
    """Write the published catalogue to PATH (.xlsx)."""
    path.write_bytes(workbook.export_workbook())
    click.echo(f"已导出 {path}")


@catalogue_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as-user", "actor", default="designer", show_default=True, help="记为编制人的用户名")
@with_appcontext
def import_command(path, actor):
    """Import PATH as draft versions (all or nothing)."""
    try:
        drafts = workbook.import_workbook(path.read_bytes(), actor)
    except ServiceError as exc:
        db.session.rollback()
        for problem in (exc.errors or {}).get("rows", []):
            click.echo(f"「{problem['sheet']}」第 {problem['row']} 行「{problem['column']}」：{problem['message']}", err=True)
        raise click.ClickException(exc.message) from exc
    db.session.commit()
    click.echo(f"已导入 {len(drafts)} 个草稿版本，待审核后发布")


@catalogue_cli.command("demo-workbook")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), default="rules/catalogue_demo.xlsx")
def demo_workbook_command(path):
    """Write the demo catalogue of app/demo/data.py as a workbook (default rules/catalogue_demo.xlsx)."""
    path.write_bytes(demo_workbook())
    click.echo(f"已生成 {path}")


def demo_workbook() -> bytes:
    from app.demo import data

    rows = []
    for spec in data.ITEMS:
        row = {k: v for k, v in spec.items() if k not in ("department", "co_departments", "samples")}
        row["department_code"], row["co_department_codes"] = spec["department"], spec["co_departments"]
        rows.append(row)
    return workbook.export_rows(rows)

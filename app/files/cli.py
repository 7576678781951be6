"""``flask files prune-staged``: delete the window's staged scans that no acceptance used in time."""
import click
from flask.cli import AppGroup

from app.extensions import db

from .staging import prune_staged_scans

files_cli = AppGroup("files", help="电子材料：暂存扫描件清理")


@files_cli.command("prune-staged")
def prune_staged_command():
    """Delete staged scans older than STAGED_SCAN_MAX_AGE_HOURS (default 24); the scheduler does it hourly."""
    pruned = prune_staged_scans()
    db.session.commit()
    click.echo(f"已清除 {pruned} 个过期的暂存扫描件")

"""APScheduler wiring: the jobs, each inside ``with app.app_context()``, and the two ways to run them.

- ``flask scheduler run``: a BlockingScheduler in its own process (production; run one or more).
- ``SCHEDULER_IN_PROCESS=1``: a BackgroundScheduler inside the web process (demo), started on the first
  request so that the reloader's watcher process and CLI commands never start one.
"""
import logging
import threading
import time
from datetime import datetime, timedelta, timezone

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from app.cases.ledger import checkpoint_job
from app.extensions import db
from app.files.staging import prune_staged_scans
from app.themes.results import recompute_levels as recompute_theme_case_levels

from .reminders import remind_due_soon
from .sweep import fire_due_timers

logger = logging.getLogger(__name__)

TIMER_INTERVAL_SECONDS = 1
LEVELS_INTERVAL_SECONDS = 60
#: running cases measured per committed batch of the warning-level sweep
LEVELS_BATCH = 2000
REMINDER_INTERVAL_SECONDS = 300
PRUNE_INTERVAL_SECONDS = 3600
#: the audit ledger and a signed checkpoint of its head, outside the database
CHECKPOINT_INTERVAL_SECONDS = 300
#: a sweep tick keeps taking batches while cases are due, for at most this long
TICK_BUDGET_SECONDS = 10
#: a case whose unit of work failed is retried after this back-off (doubling, capped)
RETRY_FIRST_SECONDS, RETRY_MAX_SECONDS = 5, 300


class TimerJob:
    """The 'fire due timers' job with its per-process back-off for failing cases."""

    def __init__(self, batch: int = 100):
        self.batch = batch
        self._retry_at: dict[int, tuple[datetime, int]] = {}

    def _excluded(self, now):
        for instance_id, (retry_at, _) in list(self._retry_at.items()):
            if retry_at <= now:
                del self._retry_at[instance_id]
        return set(self._retry_at)

    def run(self, now: datetime | None = None) -> int:
        started = time.monotonic()
        fired = 0
        while True:
            now_tick = now or datetime.now(timezone.utc)
            result = fire_due_timers(now_tick, self.batch, exclude=self._excluded(now_tick))
            fired += len(result.fired)
            for instance_id in result.failed:
                _, delay = self._retry_at.get(instance_id, (None, RETRY_FIRST_SECONDS // 2))
                delay = min(delay * 2, RETRY_MAX_SECONDS)
                self._retry_at[instance_id] = (now_tick + timedelta(seconds=delay), delay)
            if result.handled < self.batch or time.monotonic() - started > TICK_BUDGET_SECONDS:
                return fired


def recompute_warning_levels(now: datetime | None = None) -> None:
    """电子监察: recompute warning levels if the supervision feature is installed."""
    try:
        from app.supervision.services import recompute_levels
    except ModuleNotFoundError as exc:
        if exc.name not in ("app.supervision", "app.supervision.services"):
            raise
        logger.info("app.supervision is not installed; warning levels are not recomputed")
        return
    now = now or datetime.now(timezone.utc)
    while True:  # bounded batches, each committed: cards never pile up in one long transaction
        result = recompute_levels(now, limit=LEVELS_BATCH)
        db.session.commit()
        if result["scanned"] < LEVELS_BATCH:
            return


def recompute_theme_levels() -> None:
    """电子监察 of 一件事: the level of each open theme case on its own clock (app.themes)."""
    recompute_theme_case_levels()
    db.session.commit()


def prune_staged() -> None:
    """The window's staged scans that no acceptance used in time (app.files.staging)."""
    prune_staged_scans()
    db.session.commit()


def _in_context(app, function):
    def job():
        with app.app_context():
            try:
                function()
            except Exception:  # noqa: BLE001 - a failing job must not kill the scheduler
                db.session.rollback()
                logger.exception("scheduler job %s failed", getattr(function, "__name__", function))
            finally:
                db.session.remove()

    job.__name__ = getattr(function, "__name__", "job")
    return job


def configure(scheduler, app):
    # APScheduler logs every run at INFO: once a second for the timer job is noise; our jobs log what they do
    logging.getLogger("apscheduler.executors.default").setLevel(logging.WARNING)
    timer_job = TimerJob()
    jobs = [
        ("fire_due_timers", timer_job.run, TIMER_INTERVAL_SECONDS),
        ("recompute_warning_levels", recompute_warning_levels, LEVELS_INTERVAL_SECONDS),
        ("recompute_theme_levels", recompute_theme_levels, LEVELS_INTERVAL_SECONDS),
        ("remind_due_soon", remind_due_soon, REMINDER_INTERVAL_SECONDS),
        ("prune_staged_scans", prune_staged, PRUNE_INTERVAL_SECONDS),
        ("audit_checkpoint", checkpoint_job, CHECKPOINT_INTERVAL_SECONDS),
    ]
    for job_id, function, seconds in jobs:
        scheduler.add_job(_in_context(app, function), "interval", seconds=seconds, id=job_id, name=job_id,
                          max_instances=1, coalesce=True, misfire_grace_time=seconds * 5,
                          next_run_time=datetime.now(timezone.utc))
    return scheduler


def run_blocking(app) -> None:
    scheduler = configure(BlockingScheduler(timezone="UTC"), app)
    logger.info("scheduler started: timers every %ss, warning levels every %ss, reminders every %ss",
                TIMER_INTERVAL_SECONDS, LEVELS_INTERVAL_SECONDS, REMINDER_INTERVAL_SECONDS)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        logger.info("scheduler stopped")


_background = None
_background_lock = threading.Lock()


def start_in_process(app):
    """Start one BackgroundScheduler in this process (idempotent)."""
    global _background
    with _background_lock:
        if _background is None:
            _background = configure(BackgroundScheduler(timezone="UTC", daemon=True), app)
            _background.start()
            logger.info("in-process scheduler started (SCHEDULER_IN_PROCESS)")
    return _background


def init_app(app) -> None:
    """With SCHEDULER_IN_PROCESS set (and not testing), start the scheduler on the first request."""
    if not app.config.get("SCHEDULER_IN_PROCESS") or app.config.get("TESTING"):
        return

    @app.before_request
    def _start_scheduler():
        if _background is None:
            start_in_process(app)

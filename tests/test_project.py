"""The README's commands are the ones CI runs."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_block_after(heading):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(heading, 1)[1]
    return re.search(r"```bash\n(.+?)\n```", section, re.S).group(1).strip()


def test_ci_runs_exactly_the_readme_test_command():
    command = _readme_block_after("## Test it")
    assert f'TEST_COMMAND="{command}"' in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_run_command_migrates_seeds_and_serves():
    command = _readme_block_after("## Run it")
    assert "flask db upgrade" in command and "flask seed-demo" in command and "flask run" in command

"""What the server pays for never trusting the client: validating a food-licence application form (12 fields:
text with patterns, select, checklist, number bounds, checkbox, unknown-key check) and working out its checklist
(9 materials, two sandboxed conditions and two situations), per call, without a database.

    python bench/bench_form_validation.py [--calls 5000]
"""
import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.forms.conditions import required_codes  # noqa: E402
from app.forms.validation import validate_form  # noqa: E402

ANSWERS = {"situation": "new", "operator_name": "示范市某某餐饮管理有限公司", "credit_code": "91350100M000100Y43",
           "legal_representative": "张三", "premises": "示范市人民路1号", "business_form": "catering",
           "business_items": ["hot", "cold"], "area": 350, "agent": True}


def _item(spec):
    base = [{"code": f"M0{i}", "condition": None, "situations": []} for i in range(1, 6)]
    materials = [SimpleNamespace(**{"required": True, "condition": None, "situations": [], **m})
                 for m in base + spec["materials"]]
    return SimpleNamespace(materials=materials, form_schema=spec["schema"])


def _timed(calls, action):
    samples = []
    for _ in range(calls):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=5000)
    args = parser.parse_args()
    spec = json.loads((ROOT / "rules" / "forms" / "330100-XK-001.form.json").read_text(encoding="utf-8"))
    item = _item(spec)
    clean = validate_form(item.form_schema, ANSWERS)
    assert required_codes(item, clean) >= {"M06", "M07"}
    for name, action in (("validate form", lambda: validate_form(item.form_schema, ANSWERS)),
                         ("checklist (conditions)", lambda: required_codes(item, clean))):
        samples = _timed(args.calls, action)
        print(f"{name:24s} {args.calls / sum(samples):10.0f}/s  median {statistics.median(samples) * 1e6:7.1f} µs  "
              f"p99 {sorted(samples)[int(len(samples) * 0.99)] * 1e6:7.1f} µs")


if __name__ == "__main__":
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    main()

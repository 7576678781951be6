"""The step limits in the shipped diagrams: every back-office step with ``step_limit_days`` has a
non-interrupting boundary timer counting exactly that many working days, and the diagrams stay complete."""
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from app.workflow.helpers import step_due

BPMN_DIR = Path(__file__).resolve().parents[2] / "bpmn"
NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL", "camunda": "http://camunda.org/schema/1.0/bpmn",
      "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI"}
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("file_name", ["standard_approval.bpmn", "joint_approval.bpmn"])
def test_each_limited_step_has_a_non_interrupting_timer_of_its_limit(file_name):
    tree = etree.parse(str(BPMN_DIR / file_name))
    limited = {
        task.get("id"): task.find(".//camunda:property[@name='step_limit_days']", NS).get("value")
        for task in tree.iterfind(".//bpmn:userTask", NS)
        if task.find(".//camunda:property[@name='step_limit_days']", NS) is not None
    }
    timers = {
        event.get("attachedToRef"): (event.get("cancelActivity"), event.findtext(".//bpmn:timeDate", namespaces=NS))
        for event in tree.iterfind(".//bpmn:boundaryEvent", NS) if event.find(".//bpmn:timerEventDefinition", NS) is not None
    }
    assert limited and set(timers) == set(limited)
    for task_id, days in limited.items():
        assert timers[task_id] == ("false", f"working_days_from_now({days})"), task_id


@pytest.mark.parametrize("file_name", ["standard_approval.bpmn", "joint_approval.bpmn"])
def test_every_flow_element_has_a_shape_or_an_edge(file_name):
    tree = etree.parse(str(BPMN_DIR / file_name))
    process = tree.find(".//bpmn:process", NS)
    elements = {el.get("id") for el in process if el.get("id") and etree.QName(el).localname not in ("laneSet",)}
    elements |= {lane.get("id") for lane in tree.iterfind(".//bpmn:lane", NS)}
    drawn = {di.get("bpmnElement") for di in tree.iterfind(".//bpmndi:BPMNShape", NS)}
    drawn |= {di.get("bpmnElement") for di in tree.iterfind(".//bpmndi:BPMNEdge", NS)}
    assert elements - drawn == set()


@pytest.mark.parametrize(("started", "days", "due"), [
    (dt.datetime(2026, 11, 23, 9, 0), 2, dt.date(2026, 11, 25)),  # Monday → Wednesday
    (dt.datetime(2026, 11, 27, 17, 0), 1, dt.date(2026, 11, 30)),  # Friday → Monday
    (dt.datetime(2025, 9, 30, 10, 0), 2, dt.date(2025, 10, 10)),  # over National Day: Oct 1–8 off, 9 and 10 count
    (dt.datetime(2025, 10, 10, 10, 0), 1, dt.date(2025, 10, 11)),  # make-up working Saturday counts
])
def test_a_step_limit_ends_at_the_end_of_its_last_working_day_in_beijing_time(started, days, due):
    end = step_due(started.replace(tzinfo=SHANGHAI), days)
    assert end == dt.datetime.combine(due, dt.time(23, 59, 59), SHANGHAI)


def test_a_late_evening_start_in_utc_is_counted_from_the_beijing_date():
    # 2026-11-23 17:00 UTC is already Tuesday 01:00 in Beijing
    end = step_due(dt.datetime(2026, 11, 23, 17, 0, tzinfo=dt.timezone.utc), 1)
    assert end.date() == dt.date(2026, 11, 25)

"""Serialization: the spec once per definition, each case's state without a spec copy (notes §6)."""
import json

from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.camunda.serializer.config import CAMUNDA_CONFIG


class StateOnlyWorkflowConverter(BpmnWorkflowConverter):
    """Writes the task tree and data but only the *name* of the spec; specs are injected on load."""

    def to_dict(self, workflow):
        dct = super(BpmnWorkflowConverter, self).to_dict(workflow)
        dct.update(
            spec=workflow.spec.name,
            subprocess_specs={},
            subprocesses=self.mapping_to_dict(workflow.subprocesses),
            bpmn_events=self.registry.convert(workflow.bpmn_events),
        )
        return dct


_spec_serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(CAMUNDA_CONFIG))
_state_serializer = BpmnWorkflowSerializer(
    BpmnWorkflowSerializer.configure({**CAMUNDA_CONFIG, BpmnWorkflow: StateOnlyWorkflowConverter})
)
SERIALIZER_VERSION = _state_serializer.VERSION


def dump_spec(spec, subprocess_specs) -> str:
    return json.dumps({
        "spec": _spec_serializer.to_dict(spec),
        "subprocess_specs": {name: _spec_serializer.to_dict(s) for name, s in subprocess_specs.items()},
    })


def load_spec(spec_json: str):
    dct = json.loads(spec_json)
    spec = _spec_serializer.from_dict(dct["spec"])
    subprocess_specs = {name: _spec_serializer.from_dict(s) for name, s in dct["subprocess_specs"].items()}
    return spec, subprocess_specs


def dump_state(workflow) -> str:
    dct = _state_serializer.to_dict(workflow)
    return json.dumps(dct, separators=(",", ":"))


def load_state(state_json: str, spec, subprocess_specs):
    dct = json.loads(state_json)
    dct["spec"] = spec
    dct["subprocess_specs"] = dict(subprocess_specs)
    return _state_serializer.from_dict(dct)

"""Process designer backend: list, read, validate and deploy BPMN process definitions (bpmn-js modeler)."""

"""Application forms (一表申请): each item version's form in the bpmn.io form-js JSON schema, the server-side
validation of submitted answers against it, and situational materials (情形材料 / 办理情形) whose conditions
over the answers decide which materials a case needs."""

"""The SpiffWorkflow adapter. Nothing outside this package imports SpiffWorkflow.

Public surface:
- :func:`deploy`, :func:`deploy_directory`, :func:`latest_definition` — process definitions
- :class:`WorkflowRun` — start / open (row-locked) / complete_task / send_message / save
- :class:`ReadyTask` — a user task waiting for a person, with resolved candidate groups
- decision tables: :func:`read_decision`, :func:`evaluate_decision` (a draft on input values),
  :func:`deploy_decision`, :func:`latest_decision`, :func:`decision_callers`, :class:`DecisionError`
- :func:`evaluate_expression`, :func:`expression_names` — restricted expressions over plain data (forms)
- errors: :class:`ProcessDefinitionError`, :class:`ProcessError`, :class:`TaskNotReady`, :class:`UnknownProcess`
"""
from .expressions import ALLOWED_NAMES as EXPRESSION_BUILTINS, ExpressionError, evaluate_expression, expression_names
from .decisions import DecisionError, decision_callers, deploy_decision, latest_decision
from .decisions import evaluate as evaluate_decision, read_table as read_decision
from .definitions import UnknownProcess, deploy, deploy_directory, latest_definition
from .models import DecisionDefinition, ProcessDefinition, WorkflowInstance
from .parser import ProcessDefinitionError
from .runtime import ProcessError, ReadyTask, TaskNotReady, WorkflowRun

__all__ = [
    "DecisionDefinition", "DecisionError", "decision_callers", "deploy_decision", "evaluate_decision",
    "latest_decision", "read_decision",
    "EXPRESSION_BUILTINS", "ExpressionError", "ProcessDefinition", "ProcessDefinitionError", "ProcessError", "ReadyTask", "TaskNotReady",
    "UnknownProcess", "WorkflowInstance", "WorkflowRun", "deploy", "deploy_directory",
    "evaluate_expression", "expression_names", "latest_definition",
]

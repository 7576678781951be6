"""A restricted script environment for BPMN scripts, gateway conditions, DMN cells and timer expressions.

SpiffWorkflow's default environment is plain eval/exec with full builtins (see SPIFFWORKFLOW_NOTES §7):
a process file could import os or open files. Here every expression and script is compiled with
RestrictedPython, attribute access goes through ``safer_getattr`` (no dunder escapes), builtins are a
curated whitelist, and the only callables available are the whitelisted helpers below.
"""
import logging
import operator
import sys
import time
from functools import lru_cache

from RestrictedPython import compile_restricted_eval, compile_restricted_exec, safe_builtins
from RestrictedPython.Eval import default_guarded_getitem, default_guarded_getiter
from RestrictedPython.Limits import limited_range
from RestrictedPython.Guards import (
    full_write_guard,
    guarded_iter_unpack_sequence,
    guarded_unpack_sequence,
)
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment

from .script_limits import BoundedPolicy, bounded_binop, bounded_getattr, bounded_inplace

logger = logging.getLogger(__name__)

#: compiled restricted code carries this file name, so the budget tracer only follows process scripts
SCRIPT_FILENAME = "<bpmn-script>"
#: an endless loop in a process file must not hang a worker: at most this many executed lines / seconds
MAX_SCRIPT_LINES = 100_000
MAX_SCRIPT_SECONDS = 2.0


class ScriptBudgetExceeded(RuntimeError):
    """A script or expression ran too long (endless loop?) and was stopped."""

_EXTRA_BUILTINS = {
    "dict": dict, "list": list, "set": set, "frozenset": frozenset,
    "all": all, "any": any, "sum": sum, "min": min, "max": max,
    "enumerate": enumerate, "reversed": reversed, "map": map, "filter": filter,
}

_INPLACE_OPERATORS = {
    "+=": operator.iadd, "-=": operator.isub, "*=": operator.imul, "/=": operator.itruediv,
    "//=": operator.ifloordiv, "%=": operator.imod, "**=": operator.ipow,
    "|=": operator.ior, "&=": operator.iand, "^=": operator.ixor,
}


def _inplace_var(op, target, value):
    try:
        return _INPLACE_OPERATORS[op](target, value)
    except KeyError:
        raise SyntaxError(f"不支持的运算符 {op}") from None


def _restricted_globals(helpers):
    builtins = dict(safe_builtins)
    builtins.update(_EXTRA_BUILTINS)
    builtins["range"] = limited_range  # a huge range() would run in C, out of the tracer's reach
    return {
        "__builtins__": builtins,
        "_getattr_": bounded_getattr,
        "_bounded_binop_": bounded_binop,
        "_getitem_": default_guarded_getitem,
        "_getiter_": default_guarded_getiter,
        "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
        "_unpack_sequence_": guarded_unpack_sequence,
        "_write_": full_write_guard,
        "_inplacevar_": lambda op, target, value: bounded_inplace(op, target, value, _inplace_var),
        **helpers,
    }


def _syntax_error(errors, source):
    """Spiff's error formatter needs a positive line number; RestrictedPython reports 'Line N: msg'."""
    message = "; ".join(errors)
    error = SyntaxError(f"脚本不被允许或有语法错误: {message}")
    error.lineno = 1
    for text in errors:
        if text.startswith("Line "):
            try:
                error.lineno = max(1, int(text[5:].split(":", 1)[0]))
            except ValueError:
                pass
            break
    error.text = source
    return error


@lru_cache(maxsize=1024)
def _compile_eval(expression):
    result = compile_restricted_eval(expression, filename=SCRIPT_FILENAME, policy=BoundedPolicy)
    if result.errors:
        raise _syntax_error(result.errors, expression)
    return result.code


@lru_cache(maxsize=512)
def _compile_exec(script):
    result = compile_restricted_exec(script, filename=SCRIPT_FILENAME, policy=BoundedPolicy)
    if result.errors:
        raise _syntax_error(result.errors, script)
    return result.code


def _run_with_budget(run):
    """Run ``run()`` while counting the lines executed in process-script frames; stop it past the budget.

    Only frames compiled from process files are traced (the tracer returns None for everything else), so
    the overhead is limited to the scripts themselves. A long single C-level call (e.g. ``10**10**9``)
    cannot be interrupted this way; ``range`` is capped for that reason.
    """
    deadline = time.monotonic() + MAX_SCRIPT_SECONDS
    executed = 0

    def count_lines(frame, event, arg):
        nonlocal executed
        if event == "line":
            executed += 1
            if executed > MAX_SCRIPT_LINES or (executed % 1000 == 0 and time.monotonic() > deadline):
                raise ScriptBudgetExceeded(
                    f"脚本执行超出限制（{MAX_SCRIPT_LINES} 行或 {MAX_SCRIPT_SECONDS} 秒），可能存在死循环")
        return count_lines

    def follow_scripts(frame, event, arg):
        return count_lines if frame.f_code.co_filename == SCRIPT_FILENAME else None

    previous = sys.gettrace()
    sys.settrace(follow_scripts)
    try:
        return run()
    finally:
        sys.settrace(previous)


class RestrictedTaskDataEnvironment(TaskDataEnvironment):
    """TaskDataEnvironment whose eval/exec run RestrictedPython byte code with whitelisted globals."""

    def __init__(self, helpers=None):
        super().__init__(_restricted_globals(helpers or {}))

    def evaluate(self, expression, context, external_context=None):
        code = _compile_eval(expression)
        scope = dict(self.globals)
        scope.update(external_context or {})
        scope.update(context)
        return _run_with_budget(lambda: eval(code, scope))  # noqa: S307 - restricted byte code

    def execute(self, script, context, external_context=None):
        self.check_for_overwrite(context, external_context or {})
        code = _compile_exec(script)
        context.update(self.globals)
        context.update(external_context or {})
        try:
            _run_with_budget(lambda: exec(code, context))  # noqa: S102 - restricted byte code
        finally:
            self._remove_globals_and_functions_from_context(context, external_context)
        return True

    def _remove_globals_and_functions_from_context(self, context, external_context=None):
        super()._remove_globals_and_functions_from_context(context, external_context)
        for name in [k for k in context if k.startswith("_") and k.endswith("_")]:
            context.pop(name, None)


def make_script_engine(helpers=None):
    """The only script engine the application uses. ``helpers`` are whitelisted callables."""
    return PythonScriptEngine(environment=RestrictedTaskDataEnvironment(helpers))

"""Restricted expressions outside a process: the same sandbox as gateway conditions (RestrictedPython,
whitelisted builtins, line/time budget), for rules that other packages keep as data — e.g. the conditions
of situational materials over an application form (app.forms)."""
from .sandbox import _compile_eval, _restricted_globals, _run_with_budget

#: names an expression may use besides its variables
ALLOWED_NAMES = frozenset({"True", "False", "None", "len", "any", "all", "min", "max", "sum", "abs", "round",
                           "int", "float", "str", "bool", "sorted", "set", "list", "dict"})


class ExpressionError(ValueError):
    """The expression does not compile under the sandbox's rules, or failed while evaluated."""


def compile_expression(expression: str):
    try:
        return _compile_eval(expression)
    except SyntaxError as exc:
        raise ExpressionError(str(exc)) from exc


def expression_names(expression: str) -> set[str]:
    """The free names the expression reads (variables and builtins), after a sandbox compile."""
    code = compile_expression(expression)
    names: set[str] = set()

    def walk(code_object):
        names.update(n for n in code_object.co_names if not (n.startswith("_") and n.endswith("_")))
        for const in code_object.co_consts:
            if hasattr(const, "co_names"):
                walk(const)

    walk(code)
    return names


def evaluate_expression(expression: str, variables: dict):
    """Evaluate ``expression`` with ``variables`` in the restricted sandbox; errors become ExpressionError."""
    code = compile_expression(expression)
    scope = _restricted_globals({})
    scope.update(variables)
    try:
        return _run_with_budget(lambda: eval(code, scope))  # noqa: S307 - restricted byte code
    except Exception as exc:  # a type mismatch in the data, the budget, a guarded access
        raise ExpressionError(f"{type(exc).__name__}: {exc}") from exc

"""Bounds on what one operation of a process script may build, so that a single C-level call cannot run for
a minute or take gigabytes (``7 ** (4*10**7)``, ``'a' * (3*1024**3)``, ``1 << 10**10``): the line tracer of the
sandbox cannot interrupt those.

``BoundedPolicy`` (a RestrictedPython policy) rewrites ``a ** b``, ``a * b``, ``a << b`` and ``a % b`` into
calls of ``_bounded_binop_``, which checks the size of the result before computing it, and refuses at compile
time — so at validation, before a process is deployed — constant expressions that would exceed the bounds and
f-string format widths beyond ``MAX_FORMAT_WIDTH``. String methods that pad to a given width are wrapped
the same way by ``bounded_getattr``. In-place forms go through ``bounded_inplace``."""
import ast
import operator
import re

from RestrictedPython import RestrictingNodeTransformer
from RestrictedPython.Guards import safer_getattr

#: the largest integer a script may build (bits) and the longest string, bytes, list or tuple
MAX_INT_BITS = 64 * 1024
MAX_SEQUENCE_LENGTH = 1_000_000
MAX_FORMAT_WIDTH = 1000

_OPERATORS = {"pow": operator.pow, "mul": operator.mul, "lshift": operator.lshift, "mod": operator.mod}
_NODE_OPERATORS = {ast.Pow: "pow", ast.Mult: "mul", ast.LShift: "lshift", ast.Mod: "mod"}
_INPLACE = {"**=": "pow", "*=": "mul", "<<=": "lshift", "%=": "mod"}
_SEQUENCES = (str, bytes, list, tuple)
_PERCENT_WIDTH = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_PADDING_METHODS = {"ljust", "rjust", "center", "zfill"}


class ScriptLimitExceeded(ValueError):
    """One operation of a script would build a value beyond the bounds."""


def _refuse(message: str):
    raise ScriptLimitExceeded(f"脚本运算超出限制：{message}")


def _int_bits(value) -> int:
    return abs(value).bit_length() if isinstance(value, int) and not isinstance(value, bool) else 0


def _check(name: str, left, right) -> None:
    if name == "pow" and isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
        if _int_bits(left) * right > MAX_INT_BITS:
            _refuse(f"乘方结果超过 {MAX_INT_BITS} 位")
    elif name == "mul":
        for sequence, count in ((left, right), (right, left)):
            if isinstance(sequence, _SEQUENCES) and isinstance(count, int) \
                    and len(sequence) * count > MAX_SEQUENCE_LENGTH:
                _refuse(f"重复后长度超过 {MAX_SEQUENCE_LENGTH}")
        if isinstance(left, int) and isinstance(right, int) and _int_bits(left) + _int_bits(right) > MAX_INT_BITS:
            _refuse(f"乘积超过 {MAX_INT_BITS} 位")
    elif name == "lshift" and isinstance(left, int) and isinstance(right, int) and left:
        if _int_bits(left) + right > MAX_INT_BITS:
            _refuse(f"移位结果超过 {MAX_INT_BITS} 位")
    elif name == "mod" and isinstance(left, (str, bytes)):
        text = left if isinstance(left, str) else left.decode("latin-1")
        for width, precision in _PERCENT_WIDTH.findall(text):
            for number in (width, precision):
                if number == "*" or (number and int(number) > MAX_FORMAT_WIDTH):
                    _refuse(f"格式宽度超过 {MAX_FORMAT_WIDTH}")


def bounded_binop(name: str, left, right):
    _check(name, left, right)
    return _OPERATORS[name](left, right)


def bounded_inplace(op: str, target, value, fallback):
    """``_inplacevar_`` for the bounded operators; the others go to ``fallback``."""
    if op in _INPLACE:
        return bounded_binop(_INPLACE[op], target, value)
    return fallback(op, target, value)


def _bounded_padding(method):
    def padded(width, *args):
        if isinstance(width, int) and width > MAX_SEQUENCE_LENGTH:
            _refuse(f"填充宽度超过 {MAX_SEQUENCE_LENGTH}")
        return method(width, *args)

    return padded


def bounded_getattr(obj, name, default=None):
    value = safer_getattr(obj, name, default)
    if isinstance(obj, (str, bytes)) and name in _PADDING_METHODS:
        return _bounded_padding(value)
    if isinstance(obj, (str, bytes)) and name == "expandtabs":
        return _bounded_expandtabs(obj, value)
    return value


def _bounded_expandtabs(text, method):
    def expanded(tabsize=8):
        tabs = text.count("\t" if isinstance(text, str) else b"\t")
        if isinstance(tabsize, int) and tabsize * tabs > MAX_SEQUENCE_LENGTH:
            _refuse(f"展开后长度超过 {MAX_SEQUENCE_LENGTH}")
        return method(tabsize)

    return expanded


def _constant(node):
    """The value of a constant arithmetic expression (checked against the bounds), or None if not constant."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str, bytes)):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _constant(node.operand)
        if value is None or isinstance(value, (str, bytes)):
            return None
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp):
        left, right = _constant(node.left), _constant(node.right)
        if left is None or right is None:
            return None
        name = _NODE_OPERATORS.get(type(node.op))
        try:
            if name is not None:
                return bounded_binop(name, left, right)
            if isinstance(node.op, (ast.Add, ast.Sub)) and not isinstance(left, (str, bytes)):
                return left + right if isinstance(node.op, ast.Add) else left - right
        except ScriptLimitExceeded:
            raise
        except (ArithmeticError, TypeError, ValueError):
            return None
    return None


class BoundedPolicy(RestrictingNodeTransformer):
    """RestrictedPython's policy plus the bounded operators and format widths."""

    def visit_BinOp(self, node):
        try:
            _constant(node)
        except ScriptLimitExceeded as exc:
            self.error(node, str(exc))
        node = self.node_contents_visit(node)
        name = _NODE_OPERATORS.get(type(node.op))
        if name is None:
            return node
        call = ast.Call(func=ast.Name("_bounded_binop_", ast.Load()),
                        args=[ast.Constant(name), node.left, node.right], keywords=[])
        return ast.fix_missing_locations(ast.copy_location(call, node))

    def visit_FormattedValue(self, node):
        spec = node.format_spec
        if spec is not None:
            parts = spec.values if isinstance(spec, ast.JoinedStr) else [spec]
            if not all(isinstance(part, ast.Constant) for part in parts):
                self.error(node, "脚本运算超出限制：格式说明不能含变量")
            else:
                text = "".join(str(part.value) for part in parts)
                if any(int(number) > MAX_FORMAT_WIDTH for number in re.findall(r"\d+", text)):
                    self.error(node, f"脚本运算超出限制：格式宽度超过 {MAX_FORMAT_WIDTH}")
        return self.node_contents_visit(node)

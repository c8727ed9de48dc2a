"""The Jinja a template may use, and nothing more.

A template prints variables (``{{ co_quan }}``), loops over the lists thidua gives it
(``{%p for dong in can_cu %}``) and tests them (``{%p if quyen_han %}``), with a few harmless
filters (``upper``, ``default`` …). Everything else is refused, both when a template is
checked (an AST walk, each problem with the words around it) and when it is rendered (the
sandbox): calling anything, ``range``, arithmetic that can build huge values, private
attributes. Rendering also stops after a few seconds where the platform allows it.
Pure apart from the optional alarm.
"""

from __future__ import annotations

import operator
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

ALLOWED_FILTERS = frozenset({"upper", "lower", "capitalize", "title", "trim", "default", "d",
                             "length", "count", "first", "last", "join", "e", "escape",
                             "string", "replace"})
MAX_TEXT = 100_000  # characters a filter or an operator may produce
RENDER_SECONDS = 20


class TemplatePolicyError(SecurityError):
    """A template that does what no template may (``token``: words to find it by)."""

    def __init__(self, message: str, token: str = "") -> None:
        super().__init__(message)
        self.token = token


# Tags that would read other templates or files: a template has no loader and may not.
_LOADER_TAGS: dict[type[nodes.Node], str] = {
    nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from",
    nodes.Extends: "extends"}


def refuse_loader_tags(ast: nodes.Template) -> None:
    for node in ast.find_all(tuple(_LOADER_TAGS)):
        word = _LOADER_TAGS[type(node)]
        raise TemplatePolicyError(f"thẻ {{% {word} %}} không được dùng trong mẫu (mẫu không "
                                  "được đọc tệp hay mẫu khác)", word)


class TemplateSandbox(SandboxedEnvironment):
    """Strict undefined variables, XML escaping (docxtpl's autoescape), no calls, no
    ``range``, only the allowed filters, bounded string operations."""

    intercepted_binops = frozenset({"*", "**", "//", "%", "+"})

    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=False)
        self._compiled: dict[tuple[str, bool], Any] = {}
        self.globals.clear()
        for name in list(self.filters):
            if name not in ALLOWED_FILTERS:
                del self.filters[name]
        self.tests = {k: v for k, v in self.tests.items()
                      if k in ("defined", "undefined", "none", "string", "number", "sequence",
                               "eq", "ne", "in", "true", "false")}

    def from_string(self, source: Any, globals: Any = None,
                    template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        key = (source, bool(self.autoescape))
        hit = self._compiled.get(key)
        if hit is None:
            if len(self._compiled) > 32:
                self._compiled.clear()
            refuse_loader_tags(self.parse(source))
            hit = self._compiled[key] = super().from_string(source)
        return hit

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        raise SecurityError("mẫu không được gọi hàm")

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        if op == "**":
            raise SecurityError("mẫu không được dùng phép lũy thừa")
        if op == "*" and (isinstance(left, str | list | tuple) or
                          isinstance(right, str | list | tuple)):
            raise SecurityError("mẫu không được nhân chuỗi")
        result = {"+": operator.add, "*": operator.mul, "//": operator.floordiv,
                  "%": operator.mod}[op](left, right)
        if isinstance(result, str | list | tuple) and len(result) > MAX_TEXT:
            raise SecurityError("mẫu tạo ra giá trị quá dài")
        return result

    def call_filter(self, name: str, value: Any, args: Any = None, kwargs: Any = None,
                    context: Any = None, eval_ctx: Any = None) -> Any:
        if name not in ALLOWED_FILTERS:
            raise SecurityError(f"mẫu không được dùng bộ lọc \"{name}\"")
        result = super().call_filter(name, value, args, kwargs, context, eval_ctx)
        if isinstance(result, str) and len(result) > MAX_TEXT:
            raise SecurityError("mẫu tạo ra giá trị quá dài")
        return result


@cache
def environment() -> TemplateSandbox:
    """The one sandbox of the process (it keeps no state between renders; its compiled
    templates are remembered by their text)."""
    return TemplateSandbox()


def policy_problems(ast: nodes.Template) -> list[tuple[str, str]]:
    """What a template's Jinja does that a template may not: (problem, a token to find the
    words around it)."""
    out: list[tuple[str, str]] = []
    for node in ast.find_all((nodes.Call, nodes.Filter, nodes.Test, nodes.Getattr,
                              nodes.Getitem, nodes.Pow, nodes.Mul, nodes.Import,
                              nodes.FromImport, nodes.Include, nodes.Extends, nodes.Macro,
                              nodes.CallBlock, nodes.Block)):
        if isinstance(node, nodes.Call):
            out.append(("gọi hàm (không được dùng trong mẫu)", _token(node.node)))
        elif isinstance(node, nodes.Filter):
            if node.name not in ALLOWED_FILTERS:
                out.append((f"bộ lọc \"{node.name}\" không được dùng (được dùng: "
                            f"{', '.join(sorted(ALLOWED_FILTERS))})", node.name))
        elif isinstance(node, nodes.Getattr):
            if node.attr.startswith("_"):
                out.append((f"thuộc tính riêng \"{node.attr}\" không được dùng", node.attr))
        elif isinstance(node, nodes.Getitem):
            arg = node.arg
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str) \
                    and arg.value.startswith("_"):
                out.append((f"thuộc tính riêng \"{arg.value}\" không được dùng", arg.value))
        elif isinstance(node, nodes.Pow | nodes.Mul):
            out.append(("phép nhân, lũy thừa không được dùng trong mẫu", _token(node.left)))
        elif isinstance(node, nodes.Test):
            continue
        else:
            word = _LOADER_TAGS.get(type(node), "")
            out.append((f"thẻ {type(node).__name__.lower()} không được dùng trong mẫu", word))
    return out


def _token(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return node.attr
    if isinstance(node, nodes.Const):
        return str(node.value)
    return ""


@contextmanager
def time_limit(seconds: int = RENDER_SECONDS) -> Iterator[None]:
    """Stop a render that runs longer than ``seconds`` (POSIX main thread; elsewhere the
    sandbox's limits alone apply)."""
    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TimeoutError

    previous: Callable[..., Any] | int | None = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

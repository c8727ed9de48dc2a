"""A small declarative schema: one definition gives the checker and the JSON Schema.

Checking is hand-written for speed (hundreds of thousands of records) and for Vietnamese
messages with did-you-mean hints. Every check appends diagnostics to a :class:`Ctx` and
returns the cleaned value (dates parsed, enumerations canonicalised) or :data:`INVALID`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thidua.diagnostics import DataPath, Diagnostic, PathPart, make
from thidua.model.invalid import INVALID as INVALID
from thidua.textutil import ID_RE, BadDate, did_you_mean, parse_date, suggestion, vn_date


@dataclass(slots=True)
class Ctx:
    """Where diagnostics of one file are collected."""

    file: str
    year: int | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, code: str, path: DataPath, **params: Any) -> None:
        self.diagnostics.append(make(code, self.file, path=path, **params))


_TYPE_NAMES = {
    str: "chuỗi", int: "số nguyên", float: "số", bool: "đúng/sai (true/false)",
    list: "danh sách", dict: "khối khóa: giá trị", type(None): "rỗng",
}


def type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _label(path: DataPath) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "giá trị"


class Node:
    """A schema node. ``check(value, parent, key, ctx)`` validates ``value`` found at
    ``parent + (key,)``; the full path is built only when something is reported."""

    expected = "giá trị"
    description = ""
    # Fast-path tag used by Obj to skip the call for values already valid as they are.
    fast: str = ""

    def check(self, value: Any, parent: DataPath, key: PathPart, ctx: Ctx) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def _wrong_type(self, value: Any, path: DataPath, ctx: Ctx) -> Any:
        ctx.add("TD102", path, field=_label(path), expected=self.expected,
                actual=type_name(value))
        return INVALID

    def _doc(self, schema: dict[str, Any]) -> dict[str, Any]:
        if self.description:
            schema["description"] = self.description
        return schema


HUGE = 10**15  # numbers beyond this are never data here (and are slow to print)


@dataclass
class Str(Node):
    """Text. One line unless ``multiline`` (notes, paragraphs): a value printed on one line
    of a document may not carry a line break, and no value may carry control characters or
    the invisible marks that reorder text (bidirectional controls)."""

    description: str = ""
    multiline: bool = False
    expected = "chuỗi"
    fast = "str"

    def check(self, value: Any, parent: DataPath, key: PathPart, ctx: Ctx) -> Any:
        if type(value) is not str:
            if type(value) in (int, float) and -HUGE < value < HUGE:
                return str(value)  # "số: 12" is fine as text
            return self._wrong_type(value, (*parent, key), ctx)
        if not value.strip():
            ctx.add("TD109", (*parent, key), field=_label((*parent, key)))
            return INVALID
        value = value.strip()
        if not value.isprintable():
            bad = unprintable(value, multiline=self.multiline)
            if bad is not None:
                pos, what = bad
                ctx.add("TD111", (*parent, key), field=_label((*parent, key)), what=what,
                        position=pos + 1)
                return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        return self._doc({"type": "string", "minLength": 1})


_NAMED = {"\n": "ký tự xuống dòng", "\r": "ký tự về đầu dòng", "\t": "ký tự tab",
          "\u2028": "ký tự xuống dòng", "\u2029": "ký tự sang đoạn"}
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def unprintable(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    """The first character of ``text`` a value may not hold, with its description: control
    characters (a line break or tab only in ``multiline`` text), line separators, and the
    bidirectional controls that make text read differently from what it holds."""
    for i, ch in enumerate(text):
        if ch.isprintable() or ch == " ":
            continue
        if multiline and ch in "\n\t":
            continue
        code = ord(ch)
        if ch in _NAMED:
            return i, _NAMED[ch]
        if code < 0x20 or 0x7F <= code <= 0x9F:
            return i, f"ký tự điều khiển U+{code:04X}"
        if ch in _BIDI:
            return i, f"ký tự đảo chiều văn bản U+{code:04X}"
    return None


@dataclass
class Id(Node):
    description: str = ""
    expected = "mã (chuỗi)"
    fast = "id"

    def check(self, value: Any, parent: DataPath, key: PathPart, ctx: Ctx) -> Any:
        if type(value) is int and -HUGE < value < HUGE:
            value = str(value)
        if type(value) is not str:
            return self._wrong_type(value, (*parent, key), ctx)
        if not ID_RE.match(value):
            ctx.add("TD110", (*parent, key), field=_label((*parent, key)), value=value)
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        return self._doc({"type": "string", "pattern": ID_RE.pattern.replace("\\Z", "$")})


@dataclass
class Int(Node):
    minimum: float | None = 0
    maximum: float | None = None
    description: str = ""
    expected = "số nguyên"
    types: tuple[type, ...] = (int,)
    json_type = "integer"

    def check(self, value: Any, parent: DataPath, key: PathPart, ctx: Ctx) -> Any:
        path = (*parent, key)
        if type(value) not in self.types:  # bool is not a number here
            return self._wrong_type(value, path, ctx)
        if not -HUGE < value < HUGE:  # also NaN and infinity; never printed (too long)
            ctx.add("TD108", path, field=_label(path),
                    detail="số quá lớn hoặc không xác định (tối đa 15 chữ số)")
            return INVALID
        if self.minimum is not None and value < self.minimum:
            ctx.add("TD108", path, field=_label(path),
                    detail=f"{value} nhỏ hơn giá trị nhỏ nhất cho phép {self.minimum}")
            return INVALID
        if self.maximum is not None and value > self.maximum:
            ctx.add("TD108", path, field=_label(path),
                    detail=f"{value} lớn hơn giá trị lớn nhất cho phép {self.maximum}")
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": self.json_type}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return self._doc(schema)


@dataclass
class Num(Int):
    """A number (integer or decimal), e.g. a percentage."""

    expected = "số"
    types: tuple[type, ...] = (int, float)
    json_type = "number"


@dataclass
class AnyValue(Node):
    """Any YAML value; its meaning is checked where it is used."""

    description: str = ""
    expected = "giá trị"

    def check(self, value: Any, parent: DataPath, key: PathPart, ctx: Ctx) -> Any:
        return value

    def json_schema(self) -> dict[str, Any]:
        return self._doc({})


@dataclass
class Bool(Node):
    description: str = ""
    expected = "đúng/sai (true/false)"
    fast = "bool"

    def check(self, value: Any, parent: DataPath, key: PathPart, ctx: Ctx) -> Any:
        if type(value) is not bool:
            return self._wrong_type(value, (*parent, key), ctx)
        return value

    def json_schema(self) -> dict[str, Any]:
        return self._doc({"type": "boolean"})


@dataclass
class Enum(Node):
    values: Sequence[str] = ()
    description: str = ""
    expected = "chuỗi trong danh mục"
    fast = "enum"

    def __post_init__(self) -> None:
        self.exact = frozenset(self.values)
        self._folded = {v.casefold(): v for v in self.values}

    def check(self, value: Any, parent: DataPath, key: PathPart, ctx: Ctx) -> Any:
        if type(value) is not str:
            return self._wrong_type(value, (*parent, key), ctx)
        if value in self.exact:
            return value
        canonical = self._folded.get(value.strip().casefold())
        if canonical is not None:  # "Nữ" for "nữ": accept, store the canonical form
            return canonical
        path = (*parent, key)
        ctx.add("TD104", path, field=_label(path), value=value,
                suggestion=suggestion(value, self.values))
        return INVALID

    def json_schema(self) -> dict[str, Any]:
        return self._doc({"type": "string", "enum": list(self.values)})


@dataclass
class Date(Node):
    """A calendar date; ``window`` = (first, last) year offsets from the campaign year."""

    window: tuple[int, int] | None = None
    description: str = ""
    expected = "ngày (2023-01-15 hoặc 15/01/2023)"

    def check(self, value: Any, parent: DataPath, key: PathPart, ctx: Ctx) -> Any:
        if type(value) is not str:
            if type(value) is date:
                return value
            return self._wrong_type(value, (*parent, key), ctx)
        try:
            parsed = parse_date(value)
        except BadDate as exc:
            path = (*parent, key)
            ctx.add("TD106" if exc.impossible else "TD105", path, field=_label(path),
                    value=value)
            return INVALID
        if self.window is not None and ctx.year is not None:
            first, last = ctx.year + self.window[0], ctx.year + self.window[1]
            if not first <= parsed.year <= last:
                path = (*parent, key)
                window = (f"từ 01/01/{first} đến 31/12/{last}" if first != last
                          else f"từ 01/01/{first} đến 31/12/{first}")
                ctx.add("TD107", path, field=_label(path), value=vn_date(parsed),
                        year=ctx.year, window=window)
                return INVALID
        return parsed

    def json_schema(self) -> dict[str, Any]:
        return self._doc({
            "type": "string",
            "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})$",
        })


@dataclass
class List(Node):
    item: Node = field(default_factory=Str)
    description: str = ""
    expected = "danh sách"

    def check(self, value: Any, parent: DataPath, key: PathPart, ctx: Ctx) -> Any:
        if type(value) is not list:
            return self._wrong_type(value, (*parent, key), ctx)
        path = (*parent, key)
        item = self.item
        exact = getattr(item, "exact", None)
        if exact is not None:
            for i, v in enumerate(value):
                if type(v) is not str or v not in exact:
                    value[i] = item.check(v, path, i, ctx)
            return value
        check = item.check
        for i, v in enumerate(value):
            r = check(v, path, i, ctx)
            if r is not v:
                value[i] = r
        return value

    def json_schema(self) -> dict[str, Any]:
        return self._doc({"type": "array", "items": self.item.json_schema()})


@dataclass(frozen=True)
class F:
    """A field of an object. Missing optional fields stay missing (read with .get).
    A ``nullable`` required field must be present but may be null (``gia_tri: null``)."""

    node: Node
    required: bool = False
    nullable: bool = False


Validator = Callable[[dict[str, Any], DataPath, Ctx], None]


def _join(parent: DataPath, key: PathPart | None) -> DataPath:
    return parent if key is None else (*parent, key)


@dataclass
class Obj(Node):
    """A mapping with known keys; unknown keys are errors with a did-you-mean.

    Checks in place: converted values (dates, canonical enumerations) replace the raw
    ones and invalid values become :data:`INVALID`.
    """

    name: str = ""
    fields: dict[str, F] = field(default_factory=dict)
    description: str = ""
    after: Validator | None = None
    expected = "khối khóa: giá trị"

    def __post_init__(self) -> None:
        self._allowed = frozenset(self.fields)
        self._required = tuple(k for k, f in self.fields.items() if f.required)
        self._nullable = frozenset(k for k, f in self.fields.items() if f.nullable)
        self._required_set = frozenset(self._required)
        self._fast: Callable[[Any, DataPath, PathPart, Ctx], Any] | None = None
        self._plan = {
            k: (f.node.fast, getattr(f.node, "exact", None), f.node.check)
            for k, f in self.fields.items()
        }

    def check(self, value: Any, parent: DataPath, key: PathPart, ctx: Ctx) -> Any:
        fast = self._fast
        if fast is None:
            fast = self._fast = self._compile()
        return fast(value, parent, key, ctx)

    def _compile(self) -> Callable[[Any, DataPath, PathPart, Ctx], Any]:
        """A function specialised for this object's fields.

        It first tests every scalar field with a cheap predicate (no diagnostics); any
        anomaly — wrong type, unknown or missing key, value outside a list — hands the whole
        object to :meth:`_generic`, which reports. Only then are dates, numbers and nested
        containers checked, once, by their own nodes.
        """
        env: dict[str, Any] = {"generic": self._generic, "allowed": self._allowed,
                               "ID_MATCH": ID_RE.match, "INVALID": INVALID,
                               "after": self.after, "join": _join}
        pre, post = [], []
        for i, (k, f) in enumerate(self.fields.items()):
            node, absent = f.node, f"v{i} is None"
            pre.append(f"    v{i} = value.get({k!r})")
            if f.required and f.nullable:
                pre.append(f"    if {k!r} not in value: return generic(value, parent, key, ctx)")
            elif f.required:
                pre.append(f"    if {absent}: return generic(value, parent, key, ctx)")
            test = {
                "enum": f"(type(v{i}) is not str or v{i} not in E{i})",
                "str": f"not (type(v{i}) is str and v{i}.strip() and v{i}.isprintable())",
                "id": f"not (type(v{i}) is str and ID_MATCH(v{i}))",
                "bool": f"type(v{i}) is not bool",
            }.get(node.fast)
            if test is not None:
                env[f"E{i}"] = getattr(node, "exact", None)
                guard = test if f.required and not f.nullable else f"not {absent} and {test}"
                pre.append(f"    if {guard}: return generic(value, parent, key, ctx)")
            else:
                env[f"C{i}"] = node.check
                post += [f"    if not {absent}:",
                         f"        r = C{i}(v{i}, path, {k!r}, ctx)",
                         f"        if r is not v{i}:",
                         f"            value[{k!r}] = r",
                         "            if r is INVALID: ok = False"]
        body = [
            "def fast(value, parent, key, ctx):",
            "    if type(value) is not dict or not value.keys() <= allowed:",
            "        return generic(value, parent, key, ctx)",
            *pre,
            "    ok = True",
            "    path = join(parent, key)" if post or self.after else "",
            *post,
            "    if ok and after is not None: after(value, path, ctx)" if self.after else "",
            "    return value",
        ]
        exec("\n".join(body), env)
        fn: Callable[[Any, DataPath, PathPart, Ctx], Any] = env["fast"]
        return fn

    def _generic(self, value: Any, parent: DataPath, key: PathPart, ctx: Ctx) -> Any:
        if type(value) is not dict:
            return self._wrong_type(value, _join(parent, key), ctx)
        keys = value.keys()
        misspelt: set[str] = set()
        if not keys <= self._allowed:
            here = _join(parent, key)
            for k in sorted(keys - self._allowed, key=str):
                guess = did_you_mean(str(k), self.fields)
                if guess is not None:
                    misspelt.add(guess)
                ctx.add("TD101", (*here, k), key=k, kind=self.name,
                        suggestion=suggestion(str(k), self.fields, listing="Các khóa hợp lệ"))
        ok = True
        plan = self._plan
        required = self._required_set
        path: DataPath | None = None  # built only when a value needs the slow path
        null_required = False
        # Iterate over the keys present (records are sparse); replacing the value of an
        # existing key while iterating is safe.
        for k, v in value.items():
            spec = plan.get(k)
            if spec is None:
                continue
            if v is None:
                null_required = null_required or (k in required and k not in self._nullable)
                continue
            fast, exact, check = spec
            if fast == "enum":  # values already valid as they are skip the call
                if type(v) is str and v in exact:  # type: ignore[operator]
                    continue
            elif fast == "str":
                if type(v) is str and v.strip() and v.isprintable():
                    continue
            elif fast == "id":
                if type(v) is str and ID_RE.match(v):
                    continue
            elif fast == "bool" and type(v) is bool:
                continue
            if path is None:
                path = _join(parent, key)
            r = check(v, path, k, ctx)
            if r is not v:
                value[k] = r
                if r is INVALID:
                    ok = False
        if null_required or not required <= keys:
            for k in self._required:
                absent = k not in value if k in self._nullable else value.get(k) is None
                if absent and k not in misspelt:
                    ctx.add("TD103", _join(parent, key), field=k)
                    ok = False
        if ok and self.after is not None:
            self.after(value, _join(parent, key), ctx)
        return value

    def validate(self, value: Any, ctx: Ctx) -> Any:
        """Check a whole document (the root object)."""
        return self.check(value, (), None, ctx)  # type: ignore[arg-type]

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "properties": {k: f.node.json_schema() for k, f in self.fields.items()},
        }
        if self.name:
            schema["title"] = self.name
        required = [k for k, f in self.fields.items() if f.required]
        if required:
            schema["required"] = required
        return self._doc(schema)


def ordered_dates(start_key: str, end_key: str) -> Validator:
    """An ``after`` hook: ``start_key`` must not be later than ``end_key``."""

    def check(obj: dict[str, Any], path: DataPath, ctx: Ctx) -> None:
        start, end = obj.get(start_key), obj.get(end_key)
        if isinstance(start, date) and isinstance(end, date) and start > end:
            ctx.add("TD303", (*path, end_key), start_field=start_key, end_field=end_key,
                    start=vn_date(start), end=vn_date(end))

    return check


@dataclass
class Mapping(Node):
    """A mapping whose keys are ids chosen by the file (e.g. legal text ids), every value
    checked by one node."""

    value: Node = field(default_factory=Str)
    description: str = ""
    expected = "khối mã: giá trị"

    def check(self, value: Any, parent: DataPath, key: PathPart, ctx: Ctx) -> Any:
        if type(value) is not dict:
            return self._wrong_type(value, _join(parent, key), ctx)
        path = _join(parent, key)
        for k in list(value):
            if type(k) is not str or not ID_RE.match(k):
                ctx.add("TD110", (*path, k), field=_label(path), value=k)
                value[k] = INVALID
                continue
            r = self.value.check(value[k], path, k, ctx)
            if r is not value[k]:
                value[k] = r
        return value

    def json_schema(self) -> dict[str, Any]:
        return self._doc({"type": "object", "additionalProperties": self.value.json_schema(),
                          "propertyNames": {"pattern": ID_RE.pattern.replace("\\Z", "$")}})

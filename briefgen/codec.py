"""Cache entries as data, never code: msgpack with a registry of the records it may build.

Decoding a pickle runs whatever the file says, so a crafted file in a restored CI cache
would run at the next build. Here an entry is msgpack (numbers, text, bytes, lists, maps)
plus two extension types: a tuple (msgpack has one array type, kept for lists, so a value
comes back exactly as stored) and a record, stored as its class's name and
field values. Decoding builds only the classes in ``records()``; any other name, a
malformed value or a value of the wrong shape raises ``CodecError``, which the cache
treats as a miss. No function or class is ever looked up by a name taken from the file
except through that table.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import threading
from collections.abc import Callable
from typing import Any

import msgpack

from briefgen import models


class CodecError(ValueError):
    """An entry that cannot be decoded into the values briefgen stores."""


_TUPLE, _RECORD = 1, 3


def _fields(cls: type) -> tuple[str, ...]:
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls))
    return tuple(getattr(cls, "_fields", ()))


#: The frozen records of models.py; ``register`` adds the few other values stages cache (facts' MinHash
#: print registers itself, so this module imports no stage and editing a stage leaves other stages' keys alone).
_MODELS = tuple(c for c in vars(models).values() if isinstance(c, type) and dataclasses.is_dataclass(c))
_RECORDS: dict[str, type] = {cls.__name__: cls for cls in _MODELS}
#: Registered class -> (its name, its fields).
_LAYOUTS: dict[type, tuple[str, tuple[str, ...]]] = {cls: (cls.__name__, _fields(cls)) for cls in _MODELS}


def register(cls: type) -> type:
    """Let entries hold ``cls`` (a frozen dataclass or a NamedTuple of plain values); usable as a decorator."""
    _RECORDS[cls.__name__] = cls
    _LAYOUTS[cls] = (cls.__name__, _fields(cls))
    return cls


def records() -> dict[str, type]:
    """Every class a cache entry may hold, by name."""
    return dict(_RECORDS)


@functools.cache
def schema() -> bytes:
    """Changes with any record of models.py, its name or fields: entries written under another schema
    are misses (made by another version of briefgen), not damage. (A registered class of a stage is
    covered by that stage's own code fingerprint.)"""
    text = ";".join(f"{cls.__name__}:{','.join(_fields(cls))}" for cls in sorted(_MODELS, key=lambda c: c.__name__))
    return hashlib.sha256(text.encode()).digest()[:8]


def _default(value: Any) -> msgpack.ExtType:
    kind = type(value)
    if kind is tuple:
        return msgpack.ExtType(_TUPLE, _pack(list(value)))
    layout = _LAYOUTS.get(kind)
    if layout is None:
        raise TypeError(f"cannot store a {kind.__module__}.{kind.__name__} in the cache (not in briefgen.codec.records())")
    name, fields = layout
    return msgpack.ExtType(_RECORD, _pack([name, *[getattr(value, f) for f in fields]]))


class _Packers(threading.local):
    """One msgpack Packer per nesting depth (a record's fields are packed while its parent is being
    packed), reused: making a Packer per record would cost more than the packing."""

    def __init__(self) -> None:
        self.by_depth: list[msgpack.Packer] = []
        self.depth = 0


_PACKERS = _Packers()


def _pack(value: Any) -> bytes:
    state = _PACKERS
    if state.depth == len(state.by_depth):
        state.by_depth.append(msgpack.Packer(default=_default, strict_types=True, use_bin_type=True))
    packer = state.by_depth[state.depth]
    state.depth += 1
    try:
        return packer.pack(value)
    except BaseException:
        packer.reset()  # a value it cannot hold may leave half a value in its buffer
        raise
    finally:
        state.depth -= 1


def dumps(value: Any) -> bytes:
    """The value as msgpack; TypeError for anything outside the registry (a set, a function, ...).
    Lists, dicts, text, bytes, numbers, None and booleans are msgpack's own; a tuple and a record
    are extension types, so a decoded value equals the stored one, type for type."""
    return _pack(value)


def _ext(code: int, data: bytes) -> Any:
    if code == _TUPLE:
        return tuple(_unpack(data))
    if code == _RECORD:
        items = _unpack(data)
        if not isinstance(items, list) or not items or not isinstance(items[0], str):
            raise CodecError("malformed record")
        cls = _RECORDS.get(items[0])
        if cls is None:
            raise CodecError(f"unknown record type {items[0][:40]!r}")
        try:
            return cls(*items[1:])
        except TypeError as exc:
            raise CodecError(f"record {items[0]}: {exc}") from None
    raise CodecError(f"unknown extension type {code}")


def _unpack(data: bytes) -> Any:
    return msgpack.unpackb(data, ext_hook=_ext, raw=False, use_list=True, strict_map_key=False)


def loads(data: bytes, expect: Callable[[Any], bool] | None = None) -> Any:
    """The stored value; CodecError for anything that is not an entry this module wrote."""
    try:
        value = _unpack(data)
    except CodecError:
        raise
    except Exception as exc:  # msgpack's own errors: truncated, extra data, bad types, ...
        raise CodecError(f"{type(exc).__name__}: {exc}") from None
    if expect is not None and not expect(value):
        raise CodecError(f"holds a {type(value).__name__}, not what this kind of entry holds")
    return value

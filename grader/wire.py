"""The wire format between the grading process and the worker: plain data, binary framed.

Only these cross the boundary, each behind a one-byte tag:

    N None  T/F bool  i int (any size)  f float  c complex  s str  b bytes
    l list  t tuple  d dict  a ndarray (numeric, bool or str dtype; raw bytes)
    h handle: an opaque reference to an object that lives in the worker

Nothing is ever unpickled or evaluated. ``decode`` is what the trusted side runs on bytes
that learner code may have forged, so it is strict: bounded nesting, sizes checked against
the bytes actually present, a closed list of array dtypes, and every value it returns is a
fresh builtin object or ``np.ndarray``. The module uses only the standard library and numpy
because the worker loads it by path, before any learner code runs.
"""

import struct

import numpy as np

MAX_DEPTH = 32
# Array dtypes that may cross: bool, signed/unsigned ints, floats, complex, fixed-width str.
DTYPE_KINDS = "biufcU"
_LEN = struct.Struct("<Q")
_F64 = struct.Struct("<d")
_C128 = struct.Struct("<dd")


class WireError(ValueError):
    """Bytes that are not a valid message, or a value that may not cross."""


class Handle:
    """A reference to an object living in the worker: its id and its type's name."""

    __slots__ = ("id", "type_name")

    def __init__(self, id, type_name):
        self.id = id
        self.type_name = type_name

    def __repr__(self):
        return f"Handle({self.id}, {self.type_name!r})"


def encode(value, to_handle=None) -> bytes:
    """Serialise ``value``; objects that are not plain data go through ``to_handle``."""
    out = []
    _encode(value, out, to_handle, 0)
    return b"".join(out)


def _encode(value, out, to_handle, depth):
    if depth > MAX_DEPTH:
        raise WireError(f"data nested deeper than {MAX_DEPTH} levels")
    kind = type(value)
    if value is None:
        out.append(b"N")
    elif kind is bool or kind is np.bool_:
        out.append(b"T" if value else b"F")
    elif kind is int or isinstance(value, np.integer):
        number = int(value)
        raw = number.to_bytes((number.bit_length() + 8) // 8, "big", signed=True)
        out += [b"i", _LEN.pack(len(raw)), raw]
    elif kind is float or isinstance(value, np.floating):
        out += [b"f", _F64.pack(float(value))]
    elif kind is complex or isinstance(value, np.complexfloating):
        number = complex(value)
        out += [b"c", _C128.pack(number.real, number.imag)]
    elif kind is str or isinstance(value, np.str_):
        raw = str(value).encode("utf-8", "surrogatepass")
        out += [b"s", _LEN.pack(len(raw)), raw]
    elif kind is bytes:
        out += [b"b", _LEN.pack(len(value)), value]
    elif kind is list or kind is tuple:
        out += [b"l" if kind is list else b"t", _LEN.pack(len(value))]
        for item in value:
            _encode(item, out, to_handle, depth + 1)
    elif kind is dict:
        out += [b"d", _LEN.pack(len(value))]
        for key, item in value.items():
            _encode(key, out, to_handle, depth + 1)
            _encode(item, out, to_handle, depth + 1)
    elif isinstance(value, np.ndarray):
        array = np.ascontiguousarray(np.asarray(value))  # drops subclasses
        if array.dtype.kind not in DTYPE_KINDS:
            raise WireError(
                f"an array of dtype {array.dtype} cannot be sent; use a numeric or str dtype"
            )
        if array.dtype.byteorder == ">":
            array = array.astype(array.dtype.newbyteorder("<"))
        dtype = array.dtype.str.encode("ascii")
        out += [b"a", bytes([len(dtype)]), dtype, bytes([array.ndim])]
        out += [_LEN.pack(n) for n in array.shape]
        data = array.tobytes()
        out += [_LEN.pack(len(data)), data]
    elif isinstance(value, Handle):
        name = value.type_name.encode("utf-8", "replace")
        out += [b"h", _LEN.pack(value.id), _LEN.pack(len(name)), name]
    elif to_handle is not None:
        _encode(to_handle(value), out, None, depth)
    else:
        raise WireError(f"a {type(value).__name__} object cannot be sent")


def decode(data: bytes, from_handle=None):
    """Parse one value; ``from_handle`` maps each Handle to what the caller wants."""
    reader = _Reader(memoryview(data), from_handle)
    value = reader.value(0)
    if reader.pos != len(data):
        raise WireError("trailing bytes after the message")
    return value


class _Reader:
    def __init__(self, data, from_handle):
        self.data = data
        self.pos = 0
        self.from_handle = from_handle

    def take(self, n):
        if n < 0 or self.pos + n > len(self.data):
            raise WireError("message truncated")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def length(self):
        return _LEN.unpack(self.take(8))[0]

    def value(self, depth):
        if depth > MAX_DEPTH:
            raise WireError(f"data nested deeper than {MAX_DEPTH} levels")
        tag = bytes(self.take(1))
        if tag == b"N":
            return None
        if tag == b"T":
            return True
        if tag == b"F":
            return False
        if tag == b"i":
            return int.from_bytes(self.take(self.length()), "big", signed=True)
        if tag == b"f":
            return _F64.unpack(self.take(8))[0]
        if tag == b"c":
            return complex(*_C128.unpack(self.take(16)))
        if tag == b"s":
            try:
                return str(self.take(self.length()), "utf-8", "surrogatepass")
            except UnicodeDecodeError:
                raise WireError("a string is not valid UTF-8") from None
        if tag == b"b":
            return bytes(self.take(self.length()))
        if tag in (b"l", b"t"):
            count = self.length()
            if count > len(self.data) - self.pos:  # every item takes at least one byte
                raise WireError("message truncated")
            items = [self.value(depth + 1) for _ in range(count)]
            return items if tag == b"l" else tuple(items)
        if tag == b"d":
            count = self.length()
            if count > len(self.data) - self.pos:
                raise WireError("message truncated")
            result = {}
            for _ in range(count):
                key = self.value(depth + 1)
                if not isinstance(key, (str, int, float, bool, tuple, type(None))):
                    raise WireError(f"a dict key of type {type(key).__name__} is not allowed")
                result[key] = self.value(depth + 1)
            return result
        if tag == b"a":
            return self.array()
        if tag == b"h":
            handle = Handle(self.length(), self.string())
            return self.from_handle(handle) if self.from_handle else handle
        raise WireError(f"unknown tag {tag!r}")

    def string(self):
        return str(self.take(self.length()), "utf-8", "replace")

    def array(self):
        code = str(self.take(self.take(1)[0]), "ascii", "replace")
        try:
            dtype = np.dtype(code)
        except TypeError:
            raise WireError(f"unknown array dtype {code!r}") from None
        if dtype.kind not in DTYPE_KINDS or dtype.byteorder == ">" or dtype.fields is not None:
            raise WireError(f"an array of dtype {code!r} is not allowed")
        shape = tuple(self.length() for _ in range(self.take(1)[0]))
        size = 1
        for n in shape:
            size *= n
        raw = self.take(self.length())
        if len(raw) != size * dtype.itemsize:
            raise WireError(f"array data of {len(raw)} bytes does not fit shape {shape}")
        # A fresh, writable, base-class ndarray: nothing of the sender's survives.
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()

"""The Python side of `bench --breadth`: NumExpr and NumPy on every expression of breadth.txt, same data as the C# side.

Usage: breadth.py N THREADS REPEATS. Prints one JSON object: {expression: {tool: {"median": s, "check": value} or
{"error": text}}, "versions": {...}}. Element-wise NumExpr results are written into a reused `out`, as on our side.
"""
import json
import os
import re
import sys

import numpy as np

from bench import timed


def inputs(n):
    t = np.arange(n, dtype=np.int64)
    a = (t % 1000) / 1000 + 0.1
    b = (7 * t % 1000) / 1000 + 0.2
    c = (13 * t % 1000) / 1000 - 0.5
    i = t % 10007
    tenth = max(1, n // 10)
    base = (np.arange(2 * n, dtype=np.int64) % 1000) / 1000 + 0.1
    base3 = (np.arange(3 * n, dtype=np.int64) % 1000) / 1000 + 0.1
    rows = max(1, n // 100)
    return {
        "a": a, "b": b, "c": c, "f": a.astype(np.float32), "g": b.astype(np.float32),
        "i": i, "j": 3 * t % 101 + 1, "k": i.astype(np.int32), "q": a > 0.5,
        "z": a[:tenth] + 1j * b[:tenth], "w": b[:tenth] - 1j * c[:tenth],
        "s": base[::2],
        "s3": base3[::3],
        "m": a[:rows * 100].reshape(rows, 100),
        "mt": a[:rows * 100].reshape(rows, 100).T,
        "mh": a[:rows * 100].reshape(rows, 100)[:, :50],
        "p": a[:(n // 3) * 3].reshape(n // 3, 3),
        "x": ((np.arange(rows, dtype=np.int64) % 1000) / 1000).reshape(rows, 1),
        "y": (np.arange(100, dtype=np.int64) % 100) / 100,
    }


def check(value):
    value = np.asarray(value)
    if value.dtype.kind == "c":
        value = value.real
    total = float(np.sum(value, dtype=np.float64))
    # JSON has no NaN or infinity: those go as the strings .NET parses ("NaN", "Infinity", "-Infinity").
    return total if np.isfinite(total) else {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}[repr(total)]


# Every function of NumExpr's (and ours) by its NumPy name, so that any list, not only the bench's, has its NumPy column.
NUMPY_NAMES = {name: getattr(np, name) for name in (
    "sin", "cos", "tan", "arcsin", "arccos", "arctan", "arctan2", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh",
    "exp", "expm1", "log", "log10", "log1p", "log2", "sqrt", "where", "real", "imag", "conj", "floor", "ceil", "hypot")}
NUMPY_NAMES.update({name: (lambda reduce: lambda x, axis=None: reduce(x, axis=axis))(getattr(np, name)) for name in ("sum", "prod", "min", "max")})


def complex_of_parts(re, im):
    """NumExpr's complex(re, im) as a NumPy user writes it: the parts assigned (re + 1j*im would turn inf parts to nan)."""
    z = np.empty(np.broadcast(re, im).shape, dtype=np.complex128)
    z.real = re
    z.imag = im
    return z


NUMPY_NAMES["complex"] = complex_of_parts


def main():
    n, threads, repeats = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "breadth.txt")) as listing:
        expressions = [line.strip() for line in listing if line.strip() and not line.startswith("#")]
    data = inputs(n)
    results = {"versions": {"numpy": np.__version__}}
    try:
        import numexpr as ne
        ne.set_num_threads(threads)
        results["versions"]["numexpr"] = ne.__version__
    except ImportError as error:
        ne = None
        missing = "ImportError: %s" % error
    for expression in expressions:
        row = {}
        local = {name: data[name] for name in re.findall(r"[A-Za-z_]\w*", expression) if name in data}
        if ne is None:
            row["NumExpr"] = {"error": missing}
        else:
            try:
                first = ne.evaluate(expression, local_dict=local)
                if np.ndim(first) == 0:
                    holder = {}
                    median = timed(lambda: holder.update(value=ne.evaluate(expression, local_dict=local)), repeats)
                    row["NumExpr"] = {"median": median, "check": check(holder["value"])}
                else:
                    out = np.empty_like(first)
                    median = timed(lambda: ne.evaluate(expression, local_dict=local, out=out), repeats)
                    row["NumExpr"] = {"median": median, "check": check(out)}
            except Exception as error:
                row["NumExpr"] = {"error": "%s: %s" % (type(error).__name__, error)}
        try:
            namespace = dict(NUMPY_NAMES, **local)
            code = compile(expression, "<breadth>", "eval")
            holder = {}
            median = timed(lambda: holder.update(value=eval(code, {"__builtins__": {"abs": abs}}, namespace)), repeats)
            row["NumPy"] = {"median": median, "check": check(holder["value"])}
        except Exception as error:
            row["NumPy"] = {"error": "%s: %s" % (type(error).__name__, error)}
        results[expression] = row
    print(json.dumps(results))


if __name__ == "__main__":
    main()

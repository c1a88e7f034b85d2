"""Differential-test oracle: evaluates every case with NumExpr and with NumPy and saves what each returned.

Usage: oracle.py WORKDIR. WORKDIR holds inputs/NAME.npy and cases.txt (one expression per line); this writes
results/ne_K.npy or results/ne_K.err (NumExpr) and results/np_K.npy or results/np_K.err (NumPy) for case K.
"""
import os
import re
import sys

import numexpr as ne
import numpy as np


def make_complex(real, imag):
    # Part by part: real + 1j * imag would turn an infinite imaginary part into a NaN real part (0 * inf).
    real, imag = np.broadcast_arrays(np.asarray(real, dtype=np.float64), np.asarray(imag, dtype=np.float64))
    result = np.empty(real.shape, dtype=np.complex128)
    result.real = real
    result.imag = imag
    return result


def contains(haystack, needle):
    # NumExpr turns str constants into bytes; NumPy needs the same to search byte strings.
    needle = needle.encode("ascii") if isinstance(needle, str) else needle
    return np.char.find(haystack, needle) >= 0


NUMPY_FUNCTIONS = {
    "where": np.where, "sin": np.sin, "cos": np.cos, "tan": np.tan, "arcsin": np.arcsin, "arccos": np.arccos,
    "arctan": np.arctan, "arctan2": np.arctan2, "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh,
    "arcsinh": np.arcsinh, "arccosh": np.arccosh, "arctanh": np.arctanh, "log": np.log, "log2": np.log2,
    "log10": np.log10, "log1p": np.log1p, "exp": np.exp, "expm1": np.expm1, "sqrt": np.sqrt, "abs": np.absolute,
    "conj": np.conj, "real": np.real, "imag": np.imag, "complex": make_complex,
    "fmod": np.fmod, "ceil": np.ceil, "floor": np.floor, "trunc": np.trunc, "round": np.round, "sign": np.sign,
    "signbit": np.signbit, "copysign": np.copysign, "nextafter": np.nextafter, "hypot": np.hypot,
    "maximum": np.maximum, "minimum": np.minimum, "isnan": np.isnan, "isfinite": np.isfinite, "isinf": np.isinf,
    "copy": np.copy, "ones_like": np.ones_like, "contains": contains, "sum": np.sum, "prod": np.prod,
    "min": np.min, "max": np.max, "True": True, "False": False,
}


SUPPORTED = {"bool", "int32", "int64", "float32", "float64", "complex128"}


def save(path_stem, compute):
    try:
        result = np.asarray(compute())
        with open(path_stem + ".dtype", "w", encoding="utf-8") as handle:
            handle.write("bytes" if result.dtype.kind == "S" else result.dtype.name)
        if result.dtype.kind != "S" and result.dtype.name not in SUPPORTED:
            # Keep the values readable; the .dtype file keeps the real name for the comparison.
            kind = result.dtype.kind
            result = result.astype(np.int64 if kind in "iu" else np.float64 if kind == "f" else np.complex128)
        np.save(path_stem + ".npy", result, allow_pickle=False)
    except Exception as error:  # every failure is an outcome to compare, not a crash
        with open(path_stem + ".err", "w", encoding="utf-8") as handle:
            handle.write(type(error).__name__ + ": " + str(error).replace("\n", " "))


def numpy_value(expression, namespace, variables):
    result = np.asarray(eval(expression, {"__builtins__": {}}, namespace))
    read = [variables[name] for name in re.findall(r"[A-Za-z_][A-Za-z_0-9]*", expression) if name in variables]
    if read and all(value.ndim == 0 for value in read) and result.shape == (1,):
        return result.reshape(())
    return result


def main(workdir):
    inputs_dir = os.path.join(workdir, "inputs")
    variables = {}
    for name in os.listdir(inputs_dir):
        if name.endswith(".npy"):
            variables[name[:-4]] = np.load(os.path.join(inputs_dir, name), allow_pickle=False)
    results = os.path.join(workdir, "results")
    os.makedirs(results, exist_ok=True)
    with open(os.path.join(workdir, "cases.txt"), encoding="utf-8") as handle:
        cases = [line.rstrip("\n") for line in handle]
    # NumPy 1.24 types 0-d arrays by value, like Python scalars (f + d0 stays float32); NumExpr, and NumPy 2 (NEP 50),
    # type them as arrays. NumPy evaluates with each 0-d input as a 1-element array, and its result takes the shape the
    # inputs broadcast to.
    as_arrays = {name: value.reshape(1) if value.ndim == 0 else value for name, value in variables.items()}
    namespace = dict(NUMPY_FUNCTIONS)
    namespace.update(as_arrays)
    ne.set_num_threads(1)
    with np.errstate(all="ignore"):
        for k, expression in enumerate(cases):
            save(os.path.join(results, "ne_%d" % k), lambda: ne.evaluate(expression, local_dict=variables, global_dict={}))
            save(os.path.join(results, "np_%d" % k), lambda: numpy_value(expression, namespace, variables))
    print("numpy %s numexpr %s: %d cases" % (np.__version__, ne.__version__, len(cases)))


if __name__ == "__main__":
    main(sys.argv[1])

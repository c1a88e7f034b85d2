"""A fresh Python process's first NumExpr evaluations of one expression (bench --fresh): milliseconds of each, as JSON.

usage: fresh.py EXPRESSION ELEMENTS THREADS EVALUATIONS

The inputs a and b are float64 built as SlowSeries' child process builds them, bit for bit, so that the results' sums
can be compared; the first evaluation allocates its result, later ones write it in place (out=), as the child does.
Importing NumPy and NumExpr is not timed, as starting .NET is not.
"""
import json
import sys
import time

import numexpr as ne
import numpy as np

expression, elements, threads, evaluations = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
ne.set_num_threads(threads)
index = np.arange(elements, dtype=np.int64)
names = {"a": (index % 1000) * 1e-3, "b": (index * 7 % 1000) * 1e-3}
times, out = [], None
for _ in range(evaluations):
    start = time.perf_counter()
    if out is None:
        out = ne.evaluate(expression, local_dict=names)
    else:
        ne.evaluate(expression, local_dict=names, out=out)
    times.append((time.perf_counter() - start) * 1e3)
print(json.dumps({"times": times, "check": float(out.sum()), "numexpr": ne.__version__}))

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


def milliseconds_since_process_start():
    """As the child's MillisecondsSinceProcessStart: /proc/self/stat's start time against /proc/uptime (10 ms ticks)."""
    try:
        with open("/proc/self/stat") as stat, open("/proc/uptime") as uptime:
            fields = stat.read().rsplit(")", 1)[1].split()
            return (float(uptime.read().split()[0]) - int(fields[19]) / 100) * 1e3
    except (OSError, ValueError, IndexError):
        return None


building = time.perf_counter()
expression, elements, threads, evaluations = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
ne.set_num_threads(threads)
index = np.arange(elements, dtype=np.int64)
names = {"a": (index % 1000) * 1e-3, "b": (index * 7 % 1000) * 1e-3}
inputs = (time.perf_counter() - building) * 1e3
times, out, to_first = [], None, None
for _ in range(evaluations):
    start = time.perf_counter()
    if out is None:
        out = ne.evaluate(expression, local_dict=names)
    else:
        ne.evaluate(expression, local_dict=names, out=out)
    times.append((time.perf_counter() - start) * 1e3)
    if to_first is None:
        since = milliseconds_since_process_start()
        to_first = None if since is None else since - inputs
print(json.dumps({"times": times, "check": float(out.sum()), "toFirstResult": to_first, "numexpr": ne.__version__}))

"""The Python side of `bench`: times NumExpr, NumPy and Numba on the same workloads and data as SlowSeries.

Usage: bench.py WORKLOAD SIZE THREADS REPEATS. Prints one JSON object: {tool: {"median": s, "check": value} or
{"error": text}}. Tools that are not installed report an error instead of a time.
"""
import json
import math
import statistics
import sys
import time

import numpy as np


def timed(run, repeats):
    run()  # warm-up (and JIT compilation for Numba)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sincos_data(n):
    return np.arange(n, dtype=np.float64) * 1e-7


def velocity_data(nlat, nr, nlon):
    lat = np.radians(np.linspace(-90, 90, nlat)).reshape(nlat, 1, 1)
    lon = np.radians(np.linspace(0, 360, nlon))
    i = np.arange(nlat, dtype=np.float64).reshape(nlat, 1, 1)
    j = np.arange(nr, dtype=np.float64).reshape(nr, 1)
    k = np.arange(nlon, dtype=np.float64)
    vlat = np.ascontiguousarray(np.broadcast_to(np.cos(i * 0.01) + 0.001 * j + 0 * k, (nlat, nr, nlon)))
    vlon = np.ascontiguousarray(np.broadcast_to(np.sin(k * 0.01) + 0.001 * i + 0 * j, (nlat, nr, nlon)))
    vrad = np.ascontiguousarray(np.broadcast_to(np.cos(j * 0.01) + 0.001 * k + 0 * i, (nlat, nr, nlon)))
    return lat, lon, vlat, vlon, vrad


def course_velocity_data(nlat, nr, nlon):
    """The course's set-up: lpmv(0, 3, x) and lpmv(0, 2, x) are the Legendre polynomials P3 and P2."""
    def p2(x):
        return 0.5 * (3 * x * x - 1)

    def p3(x):
        return 0.5 * (5 * x * x * x - 3 * x)

    latitude = np.linspace(-90, 90, nlat)
    longitude = np.linspace(0, 360, nlon)
    radius = np.linspace(3485, 6371, nr)
    shape = (nlat, nr, nlon)
    vlat = np.ascontiguousarray(np.broadcast_to(p3(latitude / 90).reshape(nlat, 1, 1), shape))
    vlon = np.ascontiguousarray(np.broadcast_to(p2(longitude / 180 - 1.0), shape))
    vrad = np.ascontiguousarray(np.broadcast_to(p3((radius - 4928) / 1443).reshape(nr, 1), shape))
    lat = np.radians(latitude).reshape(nlat, 1, 1)
    lon = np.radians(longitude)
    return lat, lon, vlat, vlon, vrad


def weighted(outs):
    """The checksum the C# side prints: sum(vx + 2 vy + 3 vz)."""
    return float(outs[0].sum() + 2 * outs[1].sum() + 3 * outs[2].sum())


def contains_data(n):
    return np.arange(1, n + 1).astype(np.bytes_)


VX = "-sin(lon)*vlon - sin(lat)*cos(lon)*vlat + cos(lat)*cos(lon)*vrad"
VY = "cos(lon)*vlon - sin(lat)*sin(lon)*vlat + cos(lat)*sin(lon)*vrad"
VZ = "cos(lat)*vlat + sin(lat)*vrad"
VX_PRE = "-sinlon*vlon - sinlat*coslon*vlat + coslat*coslon*vrad"
VY_PRE = "coslon*vlon - sinlat*sinlon*vlat + coslat*sinlon*vrad"
VZ_PRE = "coslat*vlat + sinlat*vrad"


def numexpr_tool(workload, size, threads, repeats):
    import numexpr as ne
    ne.set_num_threads(threads)
    if workload == "sincos":
        a = sincos_data(size)
        r = np.empty_like(a)
        two_pi = 2 * math.pi
        median = timed(lambda: ne.evaluate("sin(twoPi*a)**2 + cos(twoPi*a)**2", local_dict={"a": a, "twoPi": two_pi}, out=r), repeats)
        return median, float(r.sum())
    if workload == "sincos-sum":
        a = sincos_data(size)
        holder = {}
        median = timed(lambda: holder.update(total=float(ne.evaluate("sum(sin(twoPi*a)**2 + cos(twoPi*a)**2)", local_dict={"a": a, "twoPi": 2 * math.pi}))), repeats)
        return median, holder["total"]
    if workload == "velocity":
        lat, lon, vlat, vlon, vrad = velocity_data(*size)
        outs = [np.empty_like(vlat) for _ in range(3)]

        def run():
            # NumExpr's best form: the small sin/cos terms by NumPy (NumExpr would recompute them per element).
            names = {"sinlat": np.sin(lat), "coslat": np.cos(lat), "sinlon": np.sin(lon), "coslon": np.cos(lon),
                     "vlat": vlat, "vlon": vlon, "vrad": vrad}
            for expression, out in zip((VX_PRE, VY_PRE, VZ_PRE), outs):
                ne.evaluate(expression, local_dict=names, out=out)

        median = timed(run, repeats)
        return median, float(sum(o.sum() for o in outs))
    if workload == "course-velocity":
        lat, lon, vlat, vlon, vrad = course_velocity_data(*size)
        outs = [np.empty_like(vlat) for _ in range(3)]

        def run():
            names = {"sinlat": np.sin(lat), "coslat": np.cos(lat), "sinlon": np.sin(lon), "coslon": np.cos(lon),
                     "vlat": vlat, "vlon": vlon, "vrad": vrad}
            for expression, out in zip((VX_PRE, VY_PRE, VZ_PRE), outs):
                ne.evaluate(expression, local_dict=names, out=out)

        median = timed(run, repeats)
        return median, weighted(outs)
    if workload == "contains":
        j = contains_data(size)
        holder = {}
        median = timed(lambda: holder.update(count=int(ne.evaluate("sum(where(contains(j, b'9'), 1, 0))", local_dict={"j": j}))), repeats)
        return median, float(holder["count"])
    if workload == "cached":
        a = sincos_data(size)
        return timed(lambda: [ne.evaluate("2*a + 3*b", local_dict={"a": a, "b": a}) for _ in range(1000)], repeats) / 1000, 0.0
    if workload == "new":
        a = sincos_data(size)
        counter = [0]

        def run():
            for _ in range(100):
                counter[0] += 1
                ne.evaluate("2*a + 3*b + %d" % counter[0], local_dict={"a": a, "b": a})

        return timed(run, repeats) / 100, 0.0
    raise NoCourseVersion("the course has no NumExpr version of this workload")


def numpy_tool(workload, size, threads, repeats):
    if workload == "sincos":
        a = sincos_data(size)
        two_pi = 2 * math.pi
        holder = {}

        def run():
            holder["r"] = np.sin(two_pi * a) ** 2 + np.cos(two_pi * a) ** 2

        median = timed(run, repeats)
        return median, float(holder["r"].sum())
    if workload == "sincos-sum":
        a = sincos_data(size)
        two_pi = 2 * math.pi
        holder = {}
        median = timed(lambda: holder.update(total=float(np.sum(np.sin(two_pi * a) ** 2 + np.cos(two_pi * a) ** 2))), repeats)
        return median, holder["total"]
    if workload == "velocity":
        lat, lon, vlat, vlon, vrad = velocity_data(*size)
        holder = {}

        def run():
            sinlat, coslat, sinlon, coslon = np.sin(lat), np.cos(lat), np.sin(lon), np.cos(lon)
            holder["vx"] = -sinlon * vlon - sinlat * coslon * vlat + coslat * coslon * vrad
            holder["vy"] = coslon * vlon - sinlat * sinlon * vlat + coslat * sinlon * vrad
            holder["vz"] = coslat * vlat + sinlat * vrad

        median = timed(run, repeats)
        return median, float(sum(holder[k].sum() for k in ("vx", "vy", "vz")))
    if workload == "course-velocity":
        lat, lon, vlat, vlon, vrad = course_velocity_data(*size)
        holder = {}

        def run():
            sinlat, coslat, sinlon, coslon = np.sin(lat), np.cos(lat), np.sin(lon), np.cos(lon)
            holder["outs"] = (-sinlon * vlon - sinlat * coslon * vlat + coslat * coslon * vrad,
                              coslon * vlon - sinlat * sinlon * vlat + coslat * sinlon * vrad,
                              coslat * vlat + sinlat * vrad)

        median = timed(run, repeats)
        return median, weighted(holder["outs"])
    if workload == "contains":
        j = contains_data(size)
        holder = {}
        median = timed(lambda: holder.update(count=int((np.char.find(j, b"9") >= 0).sum())), repeats)
        return median, float(holder["count"])
    if workload == "cached":
        a = sincos_data(size)
        return timed(lambda: [2 * a + 3 * a for _ in range(1000)], repeats) / 1000, 0.0
    raise NoCourseVersion("the course has no NumPy version of this workload")


def numba_tool(workload, size, threads, repeats):
    import numba
    from numba import njit, prange
    numba.set_num_threads(threads)
    if workload == "slow":
        # The course's fast slow-series implementation, with prange (the course's question 4).
        @njit
        def combined(k):
            base, k0 = 10, k
            while 9 // base > 0:
                base *= 10
            while k > 0:
                if k % base == 9:
                    return 0.0
                k = k // 10
            return 1.0 / k0

        @njit(parallel=True)
        def slow(n):
            total = 0.0
            for i in prange(1, n + 1):
                total += combined(i)
            return total

        holder = {}
        median = timed(lambda: holder.update(total=slow(size)), repeats)
        return median, holder["total"]
    if workload == "trig":
        @njit(parallel=True)
        def trig(n):
            total = 0.0
            for i in prange(1, n + 1):
                total += math.cos(i) / i
            return total

        holder = {}
        median = timed(lambda: holder.update(total=trig(size)), repeats)
        return median, holder["total"]
    if workload == "sincos":
        @njit(parallel=True, fastmath=False)
        def kernel(a, r):
            two_pi = 2 * math.pi
            for i in prange(a.shape[0]):
                r[i] = math.sin(two_pi * a[i]) ** 2 + math.cos(two_pi * a[i]) ** 2

        a = sincos_data(size)
        r = np.empty_like(a)
        median = timed(lambda: kernel(a, r), repeats)
        return median, float(r.sum())
    if workload == "sincos-sum":
        @njit(parallel=True, fastmath=False)
        def total(a):
            two_pi = 2 * math.pi
            result = 0.0
            for i in prange(a.shape[0]):
                result += math.sin(two_pi * a[i]) ** 2 + math.cos(two_pi * a[i]) ** 2
            return result

        a = sincos_data(size)
        holder = {}
        median = timed(lambda: holder.update(total=total(a)), repeats)
        return median, holder["total"]
    if workload in ("velocity", "course-velocity"):
        @njit(parallel=True)
        def kernel(lat, lon, vlat, vlon, vrad, vx, vy, vz):
            nlat, nr, nlon = vlat.shape
            for i in prange(nlat):
                sinlat, coslat = math.sin(lat[i, 0, 0]), math.cos(lat[i, 0, 0])
                for j in range(nr):
                    for k in range(nlon):
                        sinlon, coslon = math.sin(lon[k]), math.cos(lon[k])
                        vx[i, j, k] = -sinlon * vlon[i, j, k] - sinlat * coslon * vlat[i, j, k] + coslat * coslon * vrad[i, j, k]
                        vy[i, j, k] = coslon * vlon[i, j, k] - sinlat * sinlon * vlat[i, j, k] + coslat * sinlon * vrad[i, j, k]
                        vz[i, j, k] = coslat * vlat[i, j, k] + sinlat * vrad[i, j, k]

        data = course_velocity_data if workload == "course-velocity" else velocity_data
        lat, lon, vlat, vlon, vrad = data(*size)
        outs = [np.empty_like(vlat) for _ in range(3)]
        median = timed(lambda: kernel(lat, lon, vlat, vlon, vrad, *outs), repeats)
        return median, weighted(outs) if workload == "course-velocity" else float(sum(o.sum() for o in outs))
    raise NoCourseVersion("the course has no Numba version of this workload")


class NoCourseVersion(Exception):
    """The course has no version of the workload for this tool: its column is n/a, and nothing failed."""


def main():
    workload, size_text, threads, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    size = tuple(int(x) for x in size_text.split("x")) if "x" in size_text else int(size_text)
    results = {"versions": {"numpy": np.__version__}}
    for name, tool in (("NumExpr", numexpr_tool), ("NumPy", numpy_tool), ("Numba", numba_tool)):
        try:
            median, check = tool(workload, size, threads, repeats)
            results[name] = {"median": median, "check": check}
        except NoCourseVersion as absent:
            results[name] = {"absent": str(absent)}
        except Exception as error:  # a missing tool or workload is reported, not fatal
            results[name] = {"error": "%s: %s" % (type(error).__name__, error)}
    try:
        import numexpr
        results["versions"]["numexpr"] = numexpr.__version__
        import numba
        results["versions"]["numba"] = numba.__version__
    except ImportError:
        pass
    print(json.dumps(results))


if __name__ == "__main__":
    main()

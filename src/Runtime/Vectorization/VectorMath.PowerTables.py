"""Writes VectorMath.PowerTables.cs: the tables and polynomials of VectorMath.Pow, computed with 60-digit decimals.

Run with any Python 3 (standard library only): python3 VectorMath.PowerTables.py > VectorMath.PowerTables.cs

log x = k·ln 2 + log c + log1p(r): x = 2^k·z with z in [Offset, 2·Offset), split into LOG_N intervals by the top bits of
z; c is an interval's centre, invc = 1/c rounded to 8 significant bits (a multiple of 1/128 below 1, of 1/256 above),
so that r = z·invc − 1 is exact; the intervals touching 1 take c = 1 (log c = 0: no cancellation next to x = 1).
log c is stored as logc, a multiple of 2^-42 (so that k·Ln2High + logc is exact), and its tail.
2^(j/N) for j = 0..N−1 is stored as the bits of its rounded value minus j << INDEX_SHIFT (the caller adds k << INDEX_SHIFT) and the
rounding error relative to it.
The polynomials are interpolants at Chebyshev nodes (within a few times the minimax error), rounded to doubles.
"""
import struct
from decimal import Decimal, getcontext

getcontext().prec = 60
LOG_N = 32  # intervals of log x: 32-entry tables, read by two two-register permutes with AVX-512
LOG_SHIFT = 47  # 52 − log2(LOG_N): the index is the top five bits of z's offset from Offset
N = 32  # steps of 2^(j/N): 32-entry tables, read by two two-register permutes with AVX-512
INDEX_SHIFT = 47  # 52 − log2(N)
LOG_DEGREE = 7  # B0 … B10
EXP_DEGREE = 5  # C2 … C8
OFFSET_BITS = 0x3FE62AB000000000  # about 0.693: 1 lies two thirds into interval 19 (1/96 below it, 1/96 above)


def bits_to_double(b):
    return struct.unpack("<d", struct.pack("<q", b if b < 2**63 else b - 2**64))[0]


def double_to_bits(x):
    return struct.unpack("<q", struct.pack("<d", x))[0]


def D(x):
    return Decimal(x)  # exact for a float


LN2 = Decimal(2).ln()


def round_to_multiple(value, quantum):
    return float((value / quantum).to_integral_value() * quantum)


def log_table():
    rows = []
    for i in range(LOG_N):
        low = bits_to_double(OFFSET_BITS + (i << LOG_SHIFT))
        high = bits_to_double(OFFSET_BITS + ((i + 1) << LOG_SHIFT))
        if low <= 1.0 < high or high == 1.0:
            invc = 1.0
        else:
            c = (D(low) + D(high)) / 2
            quantum = Decimal(1) / (128 if c < 1 else 256)  # 8 significant bits: zHigh·invc exact
            invc = round_to_multiple(1 / c, quantum)
        exact = -D(invc).ln()
        logc = round_to_multiple(exact, Decimal(2) ** -42)
        tail = float(exact - D(logc))
        # r over the interval, and the conditions the evaluation relies on.
        r_low, r_high = D(low) * D(invc) - 1, D(high) * D(invc) - 1
        r_max = max(abs(r_low), abs(r_high))
        assert r_max < Decimal(2) ** -5 + Decimal(2) ** -10, (i, r_max)  # rHigh has at most 26 bits: rHigh² exact
        assert logc == 0 or abs(D(logc)) >= r_max, (i, logc, r_max)  # t1 + r is a Fast2Sum
        rows.append((invc, logc, tail, float(r_max)))
    return rows


def exp_table():
    rows = []
    for j in range(N):
        exact = (LN2 * j / N).exp()
        rounded = float(exact)
        tail = float((exact - D(rounded)) / D(rounded))
        rows.append((double_to_bits(rounded) - (j << INDEX_SHIFT), tail))
    return rows


def solve(matrix, vector):
    n = len(vector)
    a = [row[:] + [v] for row, v in zip(matrix, vector)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col:
                f = a[r][col] / a[col][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[col])]
    return [a[r][n] / a[r][r] for r in range(n)]


def chebyshev_fit(function, radius, degree):
    pi = Decimal("3.14159265358979323846264338327950288419716939937510582097494")
    nodes = []
    for m in range(degree + 1):
        angle = (2 * m + 1) * pi / (2 * (degree + 1))
        # cos by its series (angle < π)
        term, total, k = Decimal(1), Decimal(1), 0
        while abs(term) > Decimal(10) ** -58:
            k += 2
            term = -term * angle * angle / (k * (k - 1))
            total += term
        nodes.append(radius * total)
    matrix = [[x ** p for p in range(degree + 1)] for x in nodes]
    return [float(c) for c in solve(matrix, [function(x) for x in nodes])]


def log1p_rest(r):  # (log1p(r) − r + r²/2) / r³ = Σ (−1)^(n+1) r^(n−3) / n for n ≥ 3, by its series (|r| < 1/64)
    total, power, n = Decimal(0), Decimal(1), 3
    while n < 60:
        total += (power if n % 2 else -power) / n
        power *= r
        n += 1
    return total


def expm1_rest(r):  # (exp(r) − 1 − r) / r² = Σ r^(n−2) / n! for n ≥ 2, by its series
    total, term, n = Decimal(0), Decimal(1) / 2, 2
    while n < 40:
        total += term
        n += 1
        term = term * r / n
    return total


def max_relative_error(exact, approximate, radius, samples=2001):
    worst = Decimal(0)
    for s in range(samples):
        r = radius * (2 * Decimal(s) / (samples - 1) - 1)
        if r == 0:
            continue
        e = exact(r)
        worst = max(worst, abs((approximate(r) - e) / e))
    return worst


def horner(coefficients, r):
    total = Decimal(0)
    for c in reversed(coefficients):
        total = total * r + D(c)
    return total


def file_header(script):
    """The generated file's opening lines, up to the class's brace."""
    return ["// <auto-generated>",
            f"// Written by {script} (beside this file); run it again rather than editing these numbers.",
            "// </auto-generated>",
            "namespace SlowSeries.Vectorization;",
            "",
            "public static partial class VectorMath",
            "{"]


def table_lines(name, items):
    """A pinned double[] of the C# items (literals), four to a line, and a blank line."""
    lines = [f"    private static readonly double[] {name} = Pinned(", "    ["]
    lines += ["        " + " ".join(item + "," for item in items[k:k + 4]) for k in range(0, len(items), 4)]
    return lines + ["    ]);", ""]


def bits_literal(bits):
    return f"BitConverter.Int64BitsToDouble(0x{bits:016X})"


def main():
    logs = log_table()
    exps = exp_table()
    log_radius = max(Decimal(row[3]) for row in logs)
    log_poly = chebyshev_fit(log1p_rest, log_radius, LOG_DEGREE)
    exp_radius = LN2 / (2 * N) * Decimal("1.01")
    exp_poly = chebyshev_fit(expm1_rest, exp_radius, EXP_DEGREE)
    log_error = max_relative_error(lambda r: (1 + r).ln(), lambda r: r - r * r / 2 + r ** 3 * horner(log_poly, r), log_radius)
    exp_error = max_relative_error(lambda r: r.exp(), lambda r: 1 + r + r * r * horner(exp_poly, r), exp_radius)
    ln2_high = round_to_multiple(LN2, Decimal(2) ** -42)
    ln2_low = float(LN2 - D(ln2_high))
    ln2_over_n = LN2 / N
    ln2_over_n_high = round_to_multiple(ln2_over_n, Decimal(2) ** -43)  # 35 bits: k·it exact for |k| < 2^18
    ln2_over_n_low = float(ln2_over_n - D(ln2_over_n_high))
    n_over_ln2 = float(N / LN2)

    out = []
    w = out.append
    out.extend(file_header("VectorMath.PowerTables.py"))
    w(f"    // log1p(r) = r − r²/2 + r³·(B0 + B1·r + … + B{LOG_DEGREE}·r^{LOG_DEGREE}) on |r| ≤ {float(log_radius):.6g}: relative error {float(log_error):.3g}.")
    w("    private const double " + ", ".join(f"PowB{k} = {c!r}" for k, c in enumerate(log_poly)) + ";")
    w(f"    // exp(r) = 1 + r + r²·(C2 + C3·r + … + C{EXP_DEGREE + 2}·r^{EXP_DEGREE}) on |r| ≤ {float(exp_radius):.6g}: relative error {float(exp_error):.3g}.")
    w("    private const double " + ", ".join(f"PowC{k + 2} = {c!r}" for k, c in enumerate(exp_poly)) + ";")
    w(f"    private const double PowLn2High = {ln2_high!r}; // a multiple of 2^-42")
    w(f"    private const double PowLn2Low = {ln2_low!r};")
    w(f"    private const double PowLn2OverNHigh = {ln2_over_n_high!r}; // a multiple of 2^-43")
    w(f"    private const double PowLn2OverNLow = {ln2_over_n_low!r};")
    w(f"    private const double PowNOverLn2 = {n_over_ln2!r};")
    w(f"    private const long PowLogOffset = 0x{OFFSET_BITS:X};")
    w(f"    private const int PowLogIndexShift = {LOG_SHIFT};")
    w(f"    private const long PowLogIndexMask = {LOG_N - 1};")
    w(f"    private const int PowIndexShift = {INDEX_SHIFT};")
    w(f"    private const long PowIndexMask = {N - 1};")
    w("")
    for name, column in (("PowInverseCentres", 0), ("PowLogCentresHigh", 1), ("PowLogCentresLow", 2)):
        out.extend(table_lines(name, [repr(row[column]) for row in logs]))
    w(f"    // The bits of 2^(j/{N}) rounded, minus j << {INDEX_SHIFT}, as doubles with those bits.")
    out.extend(table_lines("PowTwoToTheJthBits", [bits_literal(row[0]) for row in exps]))
    w(f"    // (2^(j/{N}) − its rounded value) / its rounded value.")
    out.extend(table_lines("PowTwoToTheJthTails", [repr(row[1]) for row in exps])[:-1])
    w("}")
    print("\n".join(out))


if __name__ == "__main__":
    main()

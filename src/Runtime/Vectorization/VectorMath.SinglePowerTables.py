"""Writes VectorMath.SinglePowerTables.cs: the tables and polynomials of VectorMath.PowForSingle, computed with 60-digit
decimals.

Run with any Python 3 (standard library only): python3 VectorMath.SinglePowerTables.py > VectorMath.SinglePowerTables.cs

x**y of float32 values in float64 lanes as 2^(y·log2 x), each part short because float32 needs about 2^-30:
log2 x = k + log2 c + log2(1 + r): x = 2^k·z with z in [Offset, 2·Offset), split into 16 intervals by the top four bits of
z's offset from Offset (width 1/32 below 1, 1/16 above); c is an interval's centre and invc = 1/c rounded to a multiple of
2^-12 (13 significant bits: z has 24, so z·invc is exact, and r = z·invc − 1 too, z·invc being within 2^-5 of 1); the
interval holding 1 takes c = 1 (log2 c = 0: x near 1 keeps its relative accuracy). logc = −log2(invc) rounded.
2^t = 2^(j/16)·2^m·2^r with |r| ≤ 1/32: 2^(j/16) is stored as the bits of its rounded value minus j << 48 (the caller
adds round(16·t) << 48).
The polynomials are interpolants at Chebyshev nodes (within a few times the minimax error), rounded to doubles.
"""
import importlib.util
import os
from decimal import Decimal

spec = importlib.util.spec_from_file_location("power_tables", os.path.join(os.path.dirname(os.path.abspath(__file__)), "VectorMath.PowerTables.py"))
power_tables = importlib.util.module_from_spec(spec)
spec.loader.exec_module(power_tables)  # the float64 pow's helpers (and its 60-digit context)
D, LN2, bits_to_double, double_to_bits = power_tables.D, power_tables.LN2, power_tables.bits_to_double, power_tables.double_to_bits
chebyshev_fit, horner, max_relative_error, round_to_multiple = power_tables.chebyshev_fit, power_tables.horner, power_tables.max_relative_error, power_tables.round_to_multiple
file_header, table_lines, bits_literal = power_tables.file_header, power_tables.table_lines, power_tables.bits_literal

LOG_N = 16
EXP_N = 16
EXP_SHIFT = 52 - EXP_N.bit_length() + 1  # j << EXP_SHIFT is j/EXP_N in the exponent field
OFFSET_BITS = 0x3FE6600000000000  # 0.69921875: 1 lies inside interval 9, not on a boundary
LOG_DEGREE = 5  # log2(1 + r) = r·P(r)
EXP_DEGREE = 3  # 2^r = 1 + r·Q(r)


def log_table():
    rows = []
    for i in range(LOG_N):
        low = bits_to_double(OFFSET_BITS + (i << 48))
        high = bits_to_double(OFFSET_BITS + ((i + 1) << 48))
        if low <= 1.0 < high:
            invc = 1.0
        else:
            invc = round_to_multiple(2 / (D(low) + D(high)), Decimal(2) ** -12)
        logc = float(-D(invc).ln() / LN2)
        r_low, r_high = D(low) * D(invc) - 1, D(high) * D(invc) - 1
        assert max(abs(r_low), abs(r_high)) < Decimal(2) ** -5, (i, r_low, r_high)
        rows.append((invc, logc, r_low, r_high))
    return rows


def log2_1p_over_r(r):  # log2(1 + r)/r = Σ (−1)^n r^n/(n + 1) / ln 2, by its series (|r| < 1/32)
    total, power, n = Decimal(0), Decimal(1), 0
    while n < 40:
        total += (power if n % 2 == 0 else -power) / (n + 1)
        power *= r
        n += 1
    return total / LN2


def exp2_m1_over_r(r):  # (2^r − 1)/r = Σ (r·ln 2)^n·ln 2/(n + 1)!, by its series
    total, term, n = Decimal(0), LN2, 0
    while n < 30:
        total += term
        n += 1
        term = term * r * LN2 / (n + 1)
    return total


def main():
    logs = log_table()
    log_radius = max(max(abs(row[2]), abs(row[3])) for row in logs)
    log_poly = chebyshev_fit(log2_1p_over_r, log_radius, LOG_DEGREE)
    exp_radius = Decimal(1) / (2 * EXP_N) * Decimal("1.0001")
    exp_poly = chebyshev_fit(exp2_m1_over_r, exp_radius, EXP_DEGREE)
    log_error = max_relative_error(lambda r: (1 + r).ln() / LN2, lambda r: r * horner(log_poly, r), log_radius)
    exp_error = max_relative_error(lambda r: (r * LN2).exp(), lambda r: 1 + r * horner(exp_poly, r), exp_radius)
    exps = [double_to_bits(float((LN2 * j / EXP_N).exp())) - (j << EXP_SHIFT) for j in range(EXP_N)]

    out = []
    w = out.append
    out.extend(file_header("VectorMath.SinglePowerTables.py"))
    w(f"    // log2(1 + r) = r·(A0 + A1·r + … + A{LOG_DEGREE}·r^{LOG_DEGREE}) on |r| ≤ {float(log_radius):.6g}: relative error {float(log_error):.3g}.")
    w("    private const double " + ", ".join(f"PowSingleA{k} = {c!r}" for k, c in enumerate(log_poly)) + ";")
    w(f"    // 2^r = 1 + r·(C0 + C1·r + … + C{EXP_DEGREE}·r^{EXP_DEGREE}) on |r| ≤ {float(exp_radius):.6g}: relative error {float(exp_error):.3g}.")
    w("    private const double " + ", ".join(f"PowSingleC{k} = {c!r}" for k, c in enumerate(exp_poly)) + ";")
    w(f"    private const long PowSingleLogOffset = 0x{OFFSET_BITS:X};")
    w("")
    w("    // 1/c of each interval, a multiple of 2^-12.")
    out.extend(table_lines("PowSingleInverseCentres", [repr(row[0]) for row in logs]))
    w("    // −log2(invc) of each interval, rounded.")
    out.extend(table_lines("PowSingleLogCentres", [repr(row[1]) for row in logs]))
    w(f"    // The bits of 2^(j/{EXP_N}) rounded, minus j << {EXP_SHIFT}, as doubles with those bits.")
    out.extend(table_lines("PowSingleTwoToTheJthBits", [bits_literal(row) for row in exps])[:-1])
    w("}")
    print("\n".join(out))


if __name__ == "__main__":
    main()

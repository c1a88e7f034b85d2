using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SlowSeries;
using SlowSeries.Arrays;
using SlowSeries.Samples.Workloads;
using SlowSeries.Vectorization;

// Checks that need no test framework (it would have to be emulated too): each prints a line; any failure exits 1.
int failures = 0;
void Check(string what, bool ok, string detail = "")
{
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}{(detail.Length > 0 ? ": " + detail : string.Empty)}");
    failures += ok ? 0 : 1;
}

string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("X16", CultureInfo.InvariantCulture);

Console.WriteLine($"{RuntimeInformation.ProcessArchitecture}: Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, " +
    $"Vector128 {Vector128.IsHardwareAccelerated}, fused multiply-add {VectorMath.HasFusedMultiplyAdd}");

// Generated element-wise kernel against its scalar method, bit for bit (every lane, every tail length).
var random = new Random(11);
foreach (int count in new[] { 1, 3, 8, 1001 })
{
    long[] k = Enumerable.Range(0, count).Select(_ => random.NextInt64(1, 3_000_000_000)).ToArray();
    var result = new double[count];
    SeriesKernels.Combined(k, result);
    Check($"Combined over {count} elements equals the scalar method", k.Select((v, i) => result[i] == SeriesKernels.Combined(v)).All(same => same));
}

// Generated range reduction in the promised order: chunks of 16,384, eight partials per chunk, a fixed tree.
foreach (long last in new[] { 1L, 7, 1000, 100_003 })
{
    double expected = 0;
    for (long start = 1; start <= last; start += 16_384)
    {
        var lanes = new double[ReductionLanes.Count];
        for (long term = start; term < Math.Min(start + 16_384, last + 1); term++)
        {
            lanes[(int)((term - start) % ReductionLanes.Count)] += SeriesKernels.Combined(term);
        }

        expected += ReductionLanes.Sum(lanes);
    }

    double sum = SeriesKernels.CombinedSum(1, last);
    Check($"CombinedSum(1, {last}) follows the lane layout", sum == expected, $"{sum:R} vs {expected:R}");
}

// The same bits as on x64 (an AVX-512 machine, this commit; the fused sum since the 256-byte reduction layout): where both have fused multiply-add, sin/cos and the
// reductions are computed the same way.
double slow = SeriesKernels.CombinedSum(1, 1_000_000);
double trig = SeriesKernels.TrigonometricTermSum(1, 1_000_000);
double[] a = Enumerable.Range(0, 200_000).Select(i => i * 1e-3).ToArray();
double fused = NumExpr.Evaluate("sum(sin(a)**2 + cos(a) * a)", new { a }).Item<double>();
Console.WriteLine($"bits: slow {Bits(slow)}, trig {Bits(trig)}, fused sum {Bits(fused)}");
Check("CombinedSum(1, 1e6) has x64's bits", Bits(slow) == "4026080384EEA70F", $"{slow:R}");
if (VectorMath.HasFusedMultiplyAdd)
{
    Check("TrigonometricTermSum(1, 1e6) has x64's bits", Bits(trig) == "3FA583999E5497FB", $"{trig:R}");
    Check("sum(sin(a)**2 + cos(a) * a) has x64's bits", Bits(fused) == "C0F2500A0A8F6490", $"{fused:R}");
}

// The run-time back-end: exact arithmetic bit for bit, sin and cos within 1 ulp of System.Math.
double[] b = Enumerable.Range(0, 100_003).Select(_ => (random.NextDouble() - 0.5) * 1e4).ToArray();
double[] exact = new double[b.Length];
NumExpr.Evaluate("where(b > 0, b * 3 + 1, -b / 7)", new { b }, exact);
Check("where(b > 0, b * 3 + 1, -b / 7) equals C#", b.Select((v, i) => exact[i] == (v > 0 ? (v * 3) + 1 : -v / 7)).All(same => same));
int[] counts = Enumerable.Range(0, 100_003).Select(_ => random.Next(int.MinValue, int.MaxValue)).ToArray();
float[] weights = counts.Select(_ => (float)((random.NextDouble() - 0.5) * 1e3)).ToArray();
double[] mixed = new double[counts.Length];
NumExpr.Evaluate("k * 2.5 + f", new { k = counts, f = weights }, mixed);
Check("k * 2.5 + f (int32 and float32 converted in the loop) equals C#", counts.Select((v, i) => mixed[i] == (v * 2.5) + weights[i]).All(same => same));
long[] wide = Enumerable.Range(0, 100_003).Select(_ => random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(0, 12)).ToArray();
double[] scaled = new double[wide.Length];
NumExpr.Evaluate("i * 0.5 - b", new { i = wide, b }, scaled);
Check("i * 0.5 - b (int64 converted in the loop) equals C#", wide.Select((v, n) => scaled[n] == (v * 0.5) - b[n]).All(same => same));
float[] singles = new float[wide.Length];
float[] offsets = wide.Select(_ => (float)random.NextDouble()).ToArray();
NumExpr.Evaluate("f * i + g", new { f = weights.Concat(weights).Take(wide.Length).ToArray(), i = wide, g = offsets }, singles);
Check("f * i + g (int64 rounded once to float32 in the loop) equals C#", wide.Select((v, n) => singles[n] == (weights[n % weights.Length] * (float)v) + offsets[n]).All(same => same));
double[] rounded = new double[b.Length];
NumExpr.Evaluate("round(b * 0.5) + floor(b) * sign(b)", new { b }, rounded);
Check("round(b * 0.5) + floor(b) * sign(b) equals C#", b.Select((v, n) => rounded[n] == Math.Round(v * 0.5, MidpointRounding.ToEven) + (Math.Floor(v) * Math.Sign(v))).All(same => same));
double[] sines = new double[b.Length];
NumExpr.Evaluate("sin(b)", new { b }, sines);
double worst = b.Select((v, i) => Math.Abs(BitConverter.DoubleToInt64Bits(sines[i]) - BitConverter.DoubleToInt64Bits(Math.Sin(v)))).Max();
Check("sin(b) within 1 ulp of System.Math", worst <= 1, $"worst {worst} ulps");

// Complex functions split each vector's pairs into parts by NEON's zips and join them back: an odd count leaves a tail.
System.Numerics.Complex[] z = b.Take(10_001).Select((v, i) => new System.Numerics.Complex(v * 1e-3, b[b.Length - 1 - i])).ToArray();
var exponentials = new System.Numerics.Complex[z.Length];
NumExpr.Evaluate("exp(z)", new { z }, exponentials);
long PartUlps(double mine, double reference) => Math.Abs(BitConverter.DoubleToInt64Bits(mine) - BitConverter.DoubleToInt64Bits(reference));
long worstPart = z.Select((v, i) => Math.Max(
    PartUlps(exponentials[i].Real, Math.Exp(v.Real) * Math.Cos(v.Imaginary)),
    PartUlps(exponentials[i].Imaginary, Math.Exp(v.Real) * Math.Sin(v.Imaginary)))).Max();
Check("exp(z) within 3 ulps of exp(x)·cos(y), exp(x)·sin(y)", worstPart <= 3, $"worst {worstPart} ulps");

// Complex quotients: two vectors' numbers share each division, their parts split by NEON's zips (ComplexDivision.QuotientPair).
// NumPy's Smith's method as the reference, written out here; b = 0 among the divisors, an odd count for the tail.
System.Numerics.Complex[] divisors = z.Select((v, i) => i % 97 == 0 ? System.Numerics.Complex.Zero : new System.Numerics.Complex(v.Imaginary, v.Real - 0.5)).ToArray();
var quotients = new System.Numerics.Complex[z.Length];
NumExpr.Evaluate("z / w", new { z, w = divisors }, quotients);
static System.Numerics.Complex SmithQuotient(System.Numerics.Complex a, System.Numerics.Complex b)
{
    var (p, q) = Math.Abs(b.Real) >= Math.Abs(b.Imaginary) ? (b.Real, b.Imaginary) : (b.Imaginary, b.Real);
    if (b.Real == 0 && b.Imaginary == 0)
    {
        return new(a.Real / Math.Abs(b.Real), a.Imaginary / Math.Abs(b.Real));
    }

    double r = q / p, s = 1.0 / (p + (q * r));
    return Math.Abs(b.Real) >= Math.Abs(b.Imaginary) ? new((a.Real + (a.Imaginary * r)) * s, (a.Imaginary - (a.Real * r)) * s) : new(((a.Real * r) + a.Imaginary) * s, ((a.Imaginary * r) - a.Real) * s);
}
bool SameNumber(System.Numerics.Complex x, System.Numerics.Complex y) =>
    (Bits(x.Real) == Bits(y.Real) || (double.IsNaN(x.Real) && double.IsNaN(y.Real))) && (Bits(x.Imaginary) == Bits(y.Imaginary) || (double.IsNaN(x.Imaginary) && double.IsNaN(y.Imaginary)));
int wrongQuotients = z.Select((v, i) => SameNumber(quotients[i], SmithQuotient(v, divisors[i]))).Count(same => !same);
Check("z / w has the bits of NumPy's Smith's method", wrongQuotients == 0, $"{wrongQuotients} of {z.Length} differ");

// The fused complex loop (from 65,536 elements): float64 values each in both lanes of a number's pair — a part compared,
// the mask choosing numbers — and quotients of two vectors' numbers at once.
System.Numerics.Complex[] many = b.Select((v, i) => new System.Numerics.Complex(v, b[b.Length - 1 - i] * 1e-3)).ToArray();
System.Numerics.Complex[] others = many.Select(v => new System.Numerics.Complex(v.Imaginary + 0.25, -v.Real)).ToArray();
var chosen = new System.Numerics.Complex[many.Length];
// A dictionary: reflection's emitted getter for an anonymous type read a third time crashed under qemu.
NumExpr.Evaluate("where(z.real > 0, z / w, w)", new Dictionary<string, object?> { ["z"] = many, ["w"] = others }, chosen);
int wrongChoices = many.Select((v, i) => SameNumber(chosen[i], v.Real > 0 ? SmithQuotient(v, others[i]) : others[i])).Count(same => !same);
Check("where(z.real > 0, z / w, w) (fused) equals C#", wrongChoices == 0, $"{wrongChoices} of {many.Length} differ");

// log10 (FreeBSD's form, no check for powers of ten) gives every normal power of ten's exponent exactly.
int[] exponents = Enumerable.Range(-307, 616).ToArray();
double[] powers = exponents.Select(e => double.Parse($"1e{e}", CultureInfo.InvariantCulture)).ToArray();
var decimalLogarithms = new double[powers.Length];
NumExpr.Evaluate("log10(p)", new { p = powers }, decimalLogarithms);
Check("log10(10^k) = k for k = -307 … 308", exponents.Select((e, i) => decimalLogarithms[i] == e).All(same => same));

// bool inputs read as lane masks, and int16 widened to int32. Dictionaries again: an anonymous type's property read a
// third time (reflection's emitted getter) crashed or threw under qemu.
bool[] flags = b.Select(_ => random.Next(3) == 0).ToArray();
double[] masked = new double[b.Length];
var masks = new Dictionary<string, object?> { ["q"] = flags, ["b"] = b };
NumExpr.Evaluate("where(q, b * 3, -b)", masks, masked);
Check("where(q, b * 3, -b) (a bool input as lane masks) equals C#", b.Select((v, n) => masked[n] == (flags[n] ? v * 3 : -v)).All(same => same));
bool[] kept = new bool[b.Length];
NumExpr.Evaluate("~q & (b > 0)", masks, kept);
Check("~q & (b > 0) equals C#", b.Select((v, n) => kept[n] == (!flags[n] && v > 0)).All(same => same));
short[] samples = counts.Select(v => (short)v).ToArray();
int[] doubledSamples = new int[samples.Length];
NumExpr.Evaluate("h * 2 + 1", new Dictionary<string, object?> { ["h"] = samples }, doubledSamples);
Check("h * 2 + 1 (int16 widened to int32) equals C#", samples.Select((v, n) => doubledSamples[n] == (v * 2) + 1).All(same => same));

// Views whose rows lie apart in their arrays (m[:, :50] of rows of 100), float64 and bool, read where they lie.
double[] grid = Enumerable.Range(0, 200_003).Select(_ => random.NextDouble() - 0.5).ToArray();
bool[] gridFlags = grid.Select(v => v > 0.1).ToArray();
double[] fromRows = new double[2000 * 50];
var gridViews = new Dictionary<string, object?>
{
    ["g"] = NDArray.Strided(grid, new Shape(2000, 50), [100, 1], 3),
    ["gq"] = NDArray.Strided(gridFlags, new Shape(2000, 50), [100, 1], 3),
};
NumExpr.Evaluate("where(gq, g * 3, -g)", gridViews, NDArray.Wrap(fromRows, 2000, 50));
Check("where(gq, g * 3, -g) over rows 100 apart equals C#", fromRows.Select((v, n) => grid[3 + ((n / 50) * 100) + (n % 50)] is var x && v == (gridFlags[3 + ((n / 50) * 100) + (n % 50)] ? x * 3 : -x)).All(same => same));

Console.WriteLine(failures == 0 ? "all checks passed" : $"{failures} check(s) failed");
return failures == 0 ? 0 : 1;

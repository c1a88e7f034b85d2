using SlowSeries.Arrays;
using SlowSeries.Execution;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// Every other element gathered by whole vectors (<see cref="StridedGather"/>): the same bits as an element-by-element
/// copy (NaN payloads and signed zeros included), never a read past the source's end, and strided views through the
/// executor equal to their contiguous copies. CI runs these at every vector width.
/// </summary>
public class StridedGatherTests
{
    [Theory]
    [InlineData(0, 1000)]
    [InlineData(1, 999)]
    [InlineData(7, 3)]
    [InlineData(0, 0)]
    [InlineData(5, 17)]
    public void EveryOtherCopiesTheBitsAndStopsAtTheSourcesEnd(int offset, int count)
    {
        var random = new Random(offset + count);
        // The source ends exactly at its last strided element, so a vector reading one element beyond it would throw or differ.
        int length = offset + (2 * count) - 1;
        double[] source = [.. Enumerable.Range(0, Math.Max(0, length)).Select(k => k % 11 == 0 ? BitConverter.Int64BitsToDouble(random.NextInt64()) : k % 13 == 0 ? -0.0 : random.NextDouble())];
        var target = new double[count];
        int done = StridedGather.EveryOther(source, offset, target);
        Assert.InRange(done, 0, count);
        for (int k = 0; k < done; k++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(source[offset + (2 * k)]), BitConverter.DoubleToInt64Bits(target[k]));
        }

        // A source too short for one more vector pair: whatever it copied stays within the elements that exist.
        Assert.True(done == 0 || offset + (2 * done) - 2 < source.Length);
    }

    [Theory]
    [InlineData("s*2 + 1", 2)]
    [InlineData("sin(s) + t", 2)]
    [InlineData("sum(s * t)", 2)]
    [InlineData("z.real * z.imag", 2)]
    [InlineData("e * c - s", 2)]
    [InlineData("where(e > 0, t, s)", 2)]
    [InlineData("r * 3 + 1", 2)]
    [InlineData("r + c2", 2)]
    [InlineData("f * 2 + s", 2)]
    [InlineData("s*2 + 1", 3)]
    [InlineData("e * c - s", 3)]
    [InlineData("where(e > 0, t, s)", 3)]
    [InlineData("r + c2", 3)]
    [InlineData("sin(s) + t", 4)]
    [InlineData("e * c - s", 5)]
    [InlineData("t * 3 - e", 7)]
    [InlineData("e * c - s", 8)]
    [InlineData("e * c - s", 9)]
    [InlineData("s*2 + 1", -1)]
    [InlineData("e * c - s", -1)]
    [InlineData("where(e > 0, t, s)", -1)]
    [InlineData("r + c2", -1)]
    [InlineData("sum(s * t)", -1)]
    [InlineData("e * c - s", -2)]
    [InlineData("sin(s) + t", -3)]
    [InlineData("t * 3 - e", -8)]
    [InlineData("e * c - s", -9)]
    [InlineData("f * 2 + s", 3)]
    [InlineData("q * 0.5 + f", 2)]
    [InlineData("q * 0.5 + f", 4)]
    [InlineData("where(g > 0, q, f)", 3)]
    [InlineData("where(g > 0, q, f)", 9)]
    [InlineData("g * 3 - f", -1)]
    [InlineData("q * 0.5 - g", -3)]
    public void StridedViewsEqualTheirContiguousCopies(string expression, int stride)
    {
        const int n = 70_003;
        var random = new Random(9);
        int step = Math.Abs(stride);
        double[] storage = [.. Enumerable.Range(0, (Math.Max(step, 2) * n) + 1).Select(_ => random.NextDouble() - 0.5)];
        long[] integers = [.. Enumerable.Range(0, (step * n) + 1).Select(_ => random.NextInt64())];

        // e ends at its last element (backwards, starts at its first): a vector of the fused loop reading one element
        // beyond either end would throw or differ. A view at a negative stride starts where its last element lies.
        double[] exact = [.. storage.Take((step * (n - 1)) + 1)];
        long From(int count) => stride < 0 ? step * (count - 1L) : 0;
        var strided = new Dictionary<string, NDArray>
        {
            ["s"] = NDArray.Strided(storage, new Shape(n), [stride], From(n)),
            ["t"] = NDArray.Strided(integers, new Shape(n), [stride], offset: 1 + From(n)),
            ["e"] = NDArray.Strided(exact, new Shape(n), [stride], From(n)),
            ["c"] = NDArray.Wrap(storage[..n]),
            ["z"] = NDArray.Wrap(Enumerable.Range(0, n).Select(k => new System.Numerics.Complex(storage[2 * k], storage[(2 * k) + 1])).ToArray()),

            // At the stride in C order across rows too (strides stride·columns and stride); float32 and int32 views, g
            // ending at its array's last element (backwards, starting at its first).
            ["r"] = NDArray.Strided(storage, new Shape(333, 210), [stride * 210, stride], offset: 1 + From(333 * 210)),
            ["c2"] = NDArray.Wrap(storage[..(333 * 210)], 333, 210),
            ["f"] = NDArray.Strided(storage.Select(v => (float)v).ToArray(), new Shape(n), [stride], From(n)),
            ["g"] = NDArray.Strided(exact.Select(v => (float)v).ToArray(), new Shape(n), [stride], From(n)),
            ["q"] = NDArray.Strided(integers.Select(v => (int)v).ToArray(), new Shape(n), [stride], offset: 1 + From(n)),
        };
        var copies = strided.ToDictionary(kv => kv.Key, kv => kv.Key == "z" ? kv.Value : Copy(kv.Value));
        var used = NumExpr.GetVariableNames(expression);
        var fromViews = NumExpr.Compile(expression).Evaluate(strided.Where(kv => used.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value), null);
        var fromCopies = NumExpr.Compile(expression).Evaluate(copies.Where(kv => used.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value), null);
        Assert.Equal(fromCopies.Shape, fromViews.Shape);
        Assert.Equal(fromCopies.ToString(), fromViews.ToString());
        Assert.Equal(fromCopies.DType, fromViews.DType);
        Assert.Equal(Bits(fromCopies), Bits(fromViews));

        // Where a function pays for two vectors per iteration (sin at 256 and 128 bits), the loop over inputs read in
        // place takes that form too, with the same bits.
        var views = strided.Where(kv => used.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var (_, plan) = SlowSeries.Kernels.KernelCache.Get([NumExpr.Compile(expression)], views, null);
        if (plan is not null && SlowSeries.Execution.KernelExecutor.InPlaceStrided(plan, views) is { Any: true } inPlace)
        {
            Assert.Equal(SlowSeries.Kernels.FusedKernel.PairsVectors(plan), SlowSeries.Kernels.FusedKernel.PromoteNow(plan.FusedInPlace(inPlace)));
            Assert.Equal(Bits(fromCopies), Bits(NumExpr.Compile(expression).Evaluate(views, null)));
        }
    }

    private static IEnumerable<long> Bits(NDArray result) => result.DType == DType.Float32
        ? result.ToArray<float>().Select(value => (long)BitConverter.SingleToInt32Bits(value))
        : result.ToArray<double>().Select(BitConverter.DoubleToInt64Bits);

    /// <summary>Views at one stride of 2 to 8, or −1 to −8, are read in place by a loop of their own (explain says so); wider ones, or two strides, are gathered.</summary>
    [Theory]
    [InlineData(3, 3, true)]
    [InlineData(8, 8, true)]
    [InlineData(9, 9, false)]
    [InlineData(2, 3, false)]
    [InlineData(-1, -1, true)]
    [InlineData(-8, -8, true)]
    public void StridedInputsAreReadInPlaceUpToACacheLine(int first, int second, bool inPlace)
    {
        const int n = 70_003;
        var inputs = new Dictionary<string, NDArray>
        {
            ["s"] = NDArray.Strided(new double[Math.Abs(first) * n], new Shape(n), [first], first < 0 ? -first * (n - 1L) : 0),
            ["u"] = NDArray.Strided(new double[(Math.Abs(second) * n) + 1], new Shape(n), [second], second < 0 ? 1 - (second * (n - 1L)) : 1),
        };
        string explained = NumExpr.Explain("s*2 + u", inputs);
        if (!SlowSeries.Kernels.FusedKernel.IsSupported || SlowSeries.Kernels.FusedKernel.VectorBytes == 0)
        {
            Assert.DoesNotContain("read in place", explained);
            return;
        }

        Assert.Equal(inPlace, explained.Contains($"read in place at a stride of {first} elements through its array", StringComparison.Ordinal));
        Assert.Equal(inPlace, !explained.Contains("gathered into blocks", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryOtherInputsHaveAFusedLoopOfTheirOwn()
    {
        const int n = 70_003;
        var inputs = new Dictionary<string, NDArray>
        {
            ["s"] = NDArray.Strided(new double[2 * n], new Shape(n), [2]),
            ["u"] = NDArray.Strided(new double[2 * n], new Shape(n), [2], offset: 1),
            ["t"] = NDArray.Strided(new long[2 * n], new Shape(n), [2], offset: 1),
        };
        var (_, doubles) = SlowSeries.Kernels.KernelCache.Get([NumExpr.Compile("s*2 + u")], inputs, null);
        FusedOrNoVectors.Check(doubles!.FusedInPlace(new SlowSeries.Kernels.StridedInputs(0b11, 2)));

        // int64 lanes converted to float64 in the loop: fused wherever the contiguous plan is (AVX-512 converts them).
        var (_, mixed) = SlowSeries.Kernels.KernelCache.Get([NumExpr.Compile("s*2 + t")], inputs, null);
        Assert.Equal(mixed!.Fused.Value is null, mixed.FusedInPlace(new SlowSeries.Kernels.StridedInputs(0b11, 2)) is null);
    }

    [Theory]
    [InlineData("z.real * w.imag")]
    [InlineData("where(z.imag > 0, z.real, w.imag)")]
    [InlineData("z.real + z.imag * 2 - w.real")]
    [InlineData("sum(where(abs(z.imag * w.real) < 100, z.imag * w.real, 0))")]
    [InlineData("q.real * z.imag + q.imag")]
    [InlineData("v.real * 2 + v.imag")]
    [InlineData("o.imag - o.real * a")]
    public void ComplexPartsReadInPlaceGiveTheReferencesBits(string expression)
    {
        // Lengths that leave a partial last vector at every width; v ends at its array's last element (a vector of parts
        // reading one element beyond it would throw or differ); o starts one element into its array.
        const int n = 70_003;
        var random = new Random(11);
        double[] specials = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.MaxValue];
        double Value(int k) => k % 97 == 0 ? specials[k / 97 % specials.Length] : (random.NextDouble() * 8) - 4;
        System.Numerics.Complex[] Complexes(int count) => [.. Enumerable.Range(0, count).Select(k => new System.Numerics.Complex(Value(2 * k), Value((2 * k) + 1)))];
        var inputs = new Dictionary<string, NDArray>
        {
            ["z"] = NDArray.Wrap(Complexes(n)),
            ["w"] = NDArray.Wrap(Complexes(n)),
            ["a"] = NDArray.Wrap([.. Enumerable.Range(0, n).Select(Value)]),
            ["q"] = NDArray.FromScalar(Scalar.FromComplex(new System.Numerics.Complex(1.5, -0.25))),
            ["v"] = NDArray.Strided(Complexes((2 * n) - 1), new Shape(n), [2]),
            ["o"] = NDArray.Strided(Complexes(n + 1), new Shape(n), [1], offset: 1),
        };
        var used = NumExpr.GetVariableNames(expression);
        var variables = inputs.Where(kv => used.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var compiled = NumExpr.Compile(expression);
        var fast = compiled.Evaluate(variables, null);
        static IEnumerable<long> Bits(NDArray result) => result.ToArray<double>().Select(BitConverter.DoubleToInt64Bits);

        // The same expression over float64 copies of the parts (z.real as z_real): the same bits, sums included (the
        // reference evaluator adds in another order).
        var parts = variables.SelectMany(kv => kv.Value.DType != DType.Complex128 ? [kv] : new[]
        {
            KeyValuePair.Create(kv.Key + "_real", Part(kv.Value, c => c.Real)),
            KeyValuePair.Create(kv.Key + "_imag", Part(kv.Value, c => c.Imaginary)),
        }).ToDictionary(kv => kv.Key, kv => kv.Value);
        string overParts = System.Text.RegularExpressions.Regex.Replace(expression, @"\b(\w+)\.(real|imag)\b", "$1_$2");
        Assert.Equal(Bits(NumExpr.Compile(overParts).Evaluate(parts.Where(kv => NumExpr.GetVariableNames(overParts).Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value), null)), Bits(fast));
        if (fast.Rank > 0)
        {
            Assert.Equal(Bits(compiled.Evaluate(variables, null, reference: true)), Bits(fast));
        }

        // The contiguous and uniform complex inputs' parts are read by the fused loop (the strided one is gathered).
        var (_, plan) = SlowSeries.Kernels.KernelCache.Get([compiled], variables, null);
        if (!used.Contains("v"))
        {
            FusedOrNoVectors.Check(plan!.Fused.Value);
        }
    }

    private static NDArray Part(NDArray complex, Func<System.Numerics.Complex, double> part) =>
        complex.Rank == 0
            ? NDArray.FromScalar(Scalar.FromFloat64(part(complex.ToArray<System.Numerics.Complex>()[0])))
            : NDArray.Wrap(complex.ToArray<System.Numerics.Complex>().Select(part).ToArray(), [.. complex.Shape.Dimensions]);

    private static NDArray Copy(NDArray view) => view.DType switch
    {
        DType.Int64 => NDArray.Wrap(view.ToArray<long>(), [.. view.Shape.Dimensions]),
        DType.Float32 => NDArray.Wrap(view.ToArray<float>(), [.. view.Shape.Dimensions]),
        DType.Int32 => NDArray.Wrap(view.ToArray<int>(), [.. view.Shape.Dimensions]),
        _ => NDArray.Wrap(view.ToArray<double>(), [.. view.Shape.Dimensions]),
    };
}

using System.Numerics;
using System.Runtime.InteropServices;
using SlowSeries.Arrays;
using SlowSeries.Kernels;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// Outputs of 64 MB and more are written with non-temporal stores from their common vector-size boundary on (64, 32 or 16 bytes), the edges by
/// overlapping ordinary vectors: every element must still be exactly what the arithmetic gives, whatever the rows'
/// alignment, and in-place evaluation (an output that is also an input) must not compute an element twice.
/// </summary>
public class StreamingStoreTests
{
    private static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 8) - 4).ToArray();
    }

    [Fact]
    public void ALargeOutputHoldsExactlyTheArithmeticsResults()
    {
        const int Count = 8_500_003; // 68 MB of float64, and a partial last vector
        double[] a = Values(Count, 1), b = Values(Count, 2);
        var result = NumExpr.Evaluate("a * 2 + b", new { a, b }).ToArray<double>();
        for (int i = 0; i < Count; i++)
        {
            if (result[i] != (a[i] * 2) + b[i])
            {
                Assert.Fail($"element {i}: {result[i]:R}, expected {(a[i] * 2) + b[i]:R}");
            }
        }
    }

    [Fact]
    public void ALargeOutputWithAOneElementInputIsExact()
    {
        // The streamed part moves every operand's offset to the outputs' boundary, but a one-element input's stays.
        const int Count = 8_500_005;
        double[] a = Values(Count, 8);
        var result = NumExpr.Evaluate("a * s + t", new { a = NDArray.Strided(a, new Shape(Count - 1), [1], offset: 1), s = 1.5, t = NDArray.Wrap([0.25]) }).ToArray<double>();
        for (int i = 0; i < Count - 1; i++)
        {
            if (result[i] != (a[i + 1] * 1.5) + 0.25)
            {
                Assert.Fail($"element {i}: {result[i]:R}, expected {(a[i + 1] * 1.5) + 0.25:R}");
            }
        }
    }

    [Fact]
    public void ALargeOutputFromEveryOtherElementInputsIsExact()
    {
        // Inputs read in place as every other element: streamed from the outputs' boundary, their offsets moving twice
        // as far; s ends at its array's last element (a vector reading one element beyond it would throw or differ).
        const int Count = 8_500_003;
        double[] storage = Values((2 * Count) - 1, 9), c = Values(Count, 10);
        var s = NDArray.Strided(storage, new Shape(Count), [2]);
        var u = NDArray.Strided(storage, new Shape(Count - 1), [2], offset: 1);
        var result = NumExpr.Evaluate("s * 2 + 1", new { s }).ToArray<double>();
        var mixed = NumExpr.Evaluate("u * c - 3", new { u, c = NDArray.Strided(c, new Shape(Count - 1), [1], offset: 1) }).ToArray<double>();
        for (int i = 0; i < Count; i++)
        {
            if (result[i] != (storage[2 * i] * 2) + 1)
            {
                Assert.Fail($"s * 2 + 1, element {i}: {result[i]:R}, expected {(storage[2 * i] * 2) + 1:R}");
            }

            if (i < Count - 1 && mixed[i] != (storage[(2 * i) + 1] * c[i + 1]) - 3)
            {
                Assert.Fail($"u * c - 3, element {i}: {mixed[i]:R}, expected {(storage[(2 * i) + 1] * c[i + 1]) - 3:R}");
            }
        }
    }

    [Fact]
    public void BroadcastOutputsWithRowsOfEveryAlignmentAreExact()
    {
        // Each expression alone streams its output with 256-bit vectors or wider; the three as one group (several outputs
        // over inputs read by row), and anything over inputs read by row at 128 bits, are stored as usual
        // (KernelExecutor.StreamingPays): both must hold exactly the arithmetic's results.
        const int Rows = 1000, Columns = 3001; // rows start on every 8-byte offset: blocks have every head length
        double[] x = Values(Rows, 3), y = Values(Columns, 4), z = Values(Rows * Columns, 5);
        var variables = new { x = NDArray.Wrap(x, Rows, 1), y = NDArray.Wrap(y, Columns), z = NDArray.Wrap(z, Rows, Columns) };
        string[] texts = ["x * y + z", "x - z * y", "z * 3 - x"];
        var expected = new Func<int, int, double>[] { (i, j) => (x[i] * y[j]) + z[(i * Columns) + j], (i, j) => x[i] - (z[(i * Columns) + j] * y[j]), (i, j) => (z[(i * Columns) + j] * 3) - x[i] };
        var grouped = NumExpr.Evaluate(texts, variables);
        for (int e = 0; e < texts.Length; e++)
        {
            var (alone, inGroup) = (NumExpr.Evaluate(texts[e], variables).ToArray<double>(), grouped[e].ToArray<double>());
            for (int i = 0; i < Rows; i++)
            {
                for (int j = 0; j < Columns; j++)
                {
                    int k = (i * Columns) + j;
                    if (alone[k] != expected[e](i, j) || inGroup[k] != expected[e](i, j))
                    {
                        Assert.Fail($"{texts[e]}: element ({i}, {j}) differs (alone {alone[k]:R}, in the group {inGroup[k]:R}, expected {expected[e](i, j):R})");
                    }
                }
            }
        }
    }

    [Fact]
    public void InPlaceEvaluationOfALargeArrayComputesEachElementOnce()
    {
        const int Count = 9_000_001;
        double[] a = Values(Count, 6), b = Values(Count, 7);
        double[] original = (double[])a.Clone();
        var output = NDArray.Wrap(a);
        NumExpr.Evaluate("a * 2 + b", new { a = output, b }, output);
        for (int i = 0; i < Count; i++)
        {
            if (a[i] != (original[i] * 2) + b[i])
            {
                Assert.Fail($"element {i}: {a[i]:R}, expected {(original[i] * 2) + b[i]:R}");
            }
        }
    }

    [Fact]
    public unsafe void ComplexOutputsStraddlingVectorBoundariesAreExact()
    {
        // The large-object heap puts arrays' data 8 bytes past a 16-byte boundary: complex128 numbers then straddle every
        // vector boundary, and the streaming loop stores each aligned vector from two computed ones. Outputs starting at
        // each number of a vector (every head length), on 1, 2 and 3 threads (chunk edges), must hold exactly the
        // arithmetic's results, and the numbers around them must stay untouched.
        const int Count = 4_200_011; // 67 MB of complex128, and a partial last vector
        double[] a = Values(Count, 11), b = Values(Count, 12);
        // Storage of each placement the allocator gives within a few tries: 8 bytes past a 16-byte boundary (the usual
        // one; a process without SIMD was handed a 16-byte aligned one), and aligned (the ordinary streaming loop).
        var storages = new Dictionary<long, Complex[]>();
        for (int tries = 0; tries < 6 && storages.Count < 2; tries++)
        {
            var candidate = GC.AllocateUninitializedArray<Complex>(Count + 8);
            fixed (Complex* first = candidate)
            {
                storages.TryAdd((long)first % 16, candidate);
            }
        }

        var sentinel = new Complex(double.NaN, -7.5);
        var variables = new Dictionary<string, object?> { ["a"] = a, ["b"] = b };
        var expressions = new (string Text, Func<int, Complex> Expected, bool Streams)[]
        {
            ("complex(a, b)", i => new Complex(a[i], b[i]), true),
            ("complex(a, b) * complex(b, 0.5) + 1", i => (new Complex(a[i], b[i]) * new Complex(b[i], 0.5)) + 1, true),

            // A division in the loop stores as usual (narrower than 512 bits, two vectors per iteration).
            ("complex(a, b) / complex(b, -0.5)", i => SlowSeries.Language.Semantics.ScalarSemantics.ComplexValue(SlowSeries.Language.Operators.Operation.TrueDivide, new Complex(a[i], b[i]), new Complex(b[i], -0.5)), false),
        };
        int original = NumExpr.GetNumThreads();
        try
        {
            foreach (var ((text, expected, streamable), storage) in expressions.SelectMany(e => storages.Values.Select(storage => (e, storage))))
            {
                // The plan's ordinary loop compiled before the evaluations: in a process that has compiled none yet, the first
                // is compiled in the background while the interpreter runs (KernelPlan.FusedOrCompiling), and with both cores
                // busy evaluating it was not always ready within these evaluations (the test failed when run on its own).
                var (_, compiled) = KernelCache.Get([NumExpr.Compile(text)], new Dictionary<string, NDArray> { ["a"] = NDArray.Wrap(a), ["b"] = NDArray.Wrap(b) }, null);
                _ = compiled?.Fused.Value;
                foreach (int threads in new[] { 1, 2, 3 })
                {
                    NumExpr.SetNumThreads(threads);
                    for (int offset = 0; offset <= 4; offset++)
                    {
                        Array.Fill(storage, sentinel);
                        var output = NDArray.Strided(storage, new Shape(Count), [1], offset);
                        NumExpr.Evaluate(text, variables, output);
                        for (int k = 0; k < storage.Length; k++)
                        {
                            var want = k >= offset && k < offset + Count ? expected(k - offset) : sentinel;
                            if (!want.Real.Equals(storage[k].Real) || !want.Imaginary.Equals(storage[k].Imaginary))
                            {
                                Assert.Fail($"{text}, {threads} threads, output from number {offset}: number {k} is {storage[k]}, expected {want}");
                            }
                        }
                    }
                }

                // The loop that streams across numbers ran for storage 8 bytes past a 16-byte boundary, with 512-bit vectors or
                // AVX2's, unless the loop divides.
                var (_, plan) = KernelCache.Get([NumExpr.Compile(text)], new Dictionary<string, NDArray> { ["a"] = NDArray.Wrap(a), ["b"] = NDArray.Wrap(b) }, null);
                Assert.NotNull(plan);
                bool streams = FusedKernel.StreamsHalfAlignedComplex && FusedKernel.IsSupported && storages.TryGetValue(8, out var halfAligned) && ReferenceEquals(storage, halfAligned);
                Assert.True(!streams || (plan.FusedStreamingHalfAligned.IsValueCreated && (plan.FusedStreamingHalfAligned.Value is not null) == streamable), $"{text}: the half-aligned streaming loop {(streamable ? "did not run" : "was compiled for a division")}");
                Assert.True(FusedKernel.StreamsHalfAlignedComplex || !plan.FusedStreamingHalfAligned.IsValueCreated, $"{text}: the half-aligned streaming loop ran at {FusedKernel.VectorBytes * 8} bits");
            }

            // Where such a loop exists the usual placement was among those tested.
            Assert.True(!FusedKernel.StreamsHalfAlignedComplex || storages.ContainsKey(8), $"no storage 8 bytes past a 16-byte boundary in 6 allocations: {string.Join(", ", storages.Keys)}");
        }
        finally
        {
            NumExpr.SetNumThreads(original);
        }
    }
}

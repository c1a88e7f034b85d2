using System.Numerics;
using SlowSeries.Kernels;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// The interpreter's where over spans (WhereLoops: condition bytes turned into lane masks) against the element-by-element
/// choice, for every element size (bool, 4-, 8- and 16-byte values), every tail length, and in place (the destination
/// being x or y). CI runs this at every vector width.
/// </summary>
public class WhereLoopTests
{
    [Fact]
    public void EveryElementSizeSelectsAsTheConditionSays()
    {
        var random = new Random(83);
        Check(random, () => random.Next(2) == 1);
        Check(random, () => random.Next());
        Check(random, () => (float)random.NextDouble());
        Check(random, () => random.NextInt64());
        Check(random, () => -random.NextDouble());
        Check(random, () => new Complex(random.NextDouble(), -random.NextDouble()));
    }

    private static void Check<T>(Random random, Func<T> value)
    {
        foreach (int length in Enumerable.Range(0, 70).Append(1027))
        {
            // Conditions in runs and alone, so that every lane sees both values next to either.
            bool[] condition = [.. Enumerable.Range(0, length).Select(i => i % 37 < 5 ? i % 2 == 0 : random.Next(3) > 0)];
            T[] x = [.. Enumerable.Range(0, length).Select(_ => value())], y = [.. Enumerable.Range(0, length).Select(_ => value())];
            T[] expected = [.. Enumerable.Range(0, length).Select(i => condition[i] ? x[i] : y[i])];

            var destination = new T[length];
            WhereLoops.Where<T>(condition, x, y, destination);
            Assert.Equal(expected, destination);

            // In place: the interpreter lends x's or y's block as the destination.
            T[] intoX = [.. x], intoY = [.. y];
            WhereLoops.Where<T>(condition, intoX, y, intoX);
            WhereLoops.Where<T>(condition, x, intoY, intoY);
            Assert.Equal(expected, intoX);
            Assert.Equal(expected, intoY);
        }
    }
}

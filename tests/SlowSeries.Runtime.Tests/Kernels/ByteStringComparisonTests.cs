using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// Byte-string comparisons run a block at a time by span comparisons: their results must be the reference evaluator's
/// for every order of bytes — unsigned (0x80 and 0xFF after 0x41), a prefix before the longer string, empty strings,
/// NULs inside a string.
/// </summary>
public class ByteStringComparisonTests
{
    [Theory]
    [InlineData("s == t")]
    [InlineData("s != t")]
    [InlineData("s < t")]
    [InlineData("s <= t")]
    [InlineData("s >= t")]
    [InlineData("s > t")]
    [InlineData("s < b'A\\x80'")]
    [InlineData("where(s >= t, 1, 0) + where(t == s, 2, 0)")]
    public void ComparisonsGiveTheReferencesResults(string expression)
    {
        byte[] alphabet = [0x00, 0x41, 0x42, 0x7F, 0x80, 0xFF];
        var random = new Random(expression.Length);
        byte[] String()
        {
            var value = new byte[random.Next(6)];
            for (int k = 0; k < value.Length; k++)
            {
                value[k] = alphabet[random.Next(alphabet.Length)];
            }

            // NumPy strips trailing NULs from S strings; the arrays it gives hold none.
            return value.AsSpan().TrimEnd((byte)0).ToArray();
        }

        const int Count = 5003;
        var s = Enumerable.Range(0, Count).Select(_ => String()).ToArray();
        var t = Enumerable.Range(0, Count).Select(k => k % 4 == 0 ? s[k] : k % 4 == 1 ? [.. s[k], 0x41] : String()).ToArray();
        var inputs = new Dictionary<string, NDArray>(StringComparer.Ordinal) { ["s"] = NDArray.Wrap(s), ["t"] = NDArray.Wrap(t) };
        Assert.DoesNotContain("element by element", NumExpr.Explain(expression, inputs), StringComparison.Ordinal);
        var compiled = NumExpr.Compile(expression);
        var fast = compiled.Evaluate(inputs, null);
        var reference = compiled.Evaluate(inputs, null, reference: true);
        Assert.Equal(reference.DType, fast.DType);
        Assert.Equal(Enumerable.Range(0, Count).Select(k => reference.GetAt(k)), Enumerable.Range(0, Count).Select(k => fast.GetAt(k)));
    }
}

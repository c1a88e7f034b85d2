using System.Text;
using SlowSeries.Arrays;
using SlowSeries.Evaluation;
using SlowSeries.Language.Binding;

namespace SlowSeries.Kernels;

/// <summary>
/// Bound expressions and their kernel plans by (expression text, input dtypes and shapes). Thread-safe; bounded:
/// past <see cref="Capacity"/> entries it starts over, so memory does not grow with the number of expressions seen.
/// </summary>
internal static class KernelCache
{
    public const int Capacity = 512;

    private static readonly BoundedCache<string, (IReadOnlyList<BoundExpression> Bound, KernelPlan? Plan)> Entries = new(Capacity, StringComparer.Ordinal);

    public static void Clear() => Entries.Clear();

    public static (IReadOnlyList<BoundExpression> Bound, KernelPlan? Plan) Get(
        IReadOnlyList<CompiledExpression> expressions,
        IReadOnlyDictionary<string, NDArray> inputs,
        IReadOnlyCollection<string>? otherNames,
        int[]? axisOrder = null)
    {
        string key = Key(expressions, inputs) + (axisOrder is null ? string.Empty : "\u0003" + string.Join(',', axisOrder));
        if (Entries.TryGetValue(key, out var entry))
        {
            Telemetry.CountCacheLookup(hit: true);
            return entry;
        }

        Telemetry.CountCacheLookup(hit: false);

        var bound = expressions.Select(e => e.Bind(inputs, otherNames, axisOrder)).ToList();
        entry = (bound, KernelCompiler.TryCompile(bound));
        Entries.Set(key, entry);
        return entry;
    }

    private static string Key(IReadOnlyList<CompiledExpression> expressions, IReadOnlyDictionary<string, NDArray> inputs)
    {
        var key = new StringBuilder();
        foreach (var expression in expressions)
        {
            key.Append(expression.Text).Append('\u0002');
            foreach (string name in expression.VariableNames)
            {
                key.Append('\u0001').Append(name);
                if (inputs.TryGetValue(name, out var input))
                {
                    key.Append(':').Append((int)input.DType);
                    for (int axis = 0; axis < input.Rank; axis++)
                    {
                        key.Append(',').Append(input.Shape[axis]);
                    }
                }
            }
        }

        return key.ToString();
    }
}

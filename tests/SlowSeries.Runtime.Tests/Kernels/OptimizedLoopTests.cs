using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using SlowSeries.Kernels;

namespace SlowSeries.Runtime.Tests.Kernels;

/// <summary>
/// Every loop over a block's span is compiled fully optimised on first use. A loop the JIT first compiles at tier 0
/// restarts at tier 0 on every call and moves to optimised code only on stack replacement after about a thousand
/// iterations, and the tier-up of the method itself waits until the process stops compiling new code: with blocks of
/// 1,024 elements that is every block, and `z.real` on 1e6 complex numbers took 4–8 ms instead of 0.26 ms. (A loop
/// marked for inlining is compiled with its caller, whose own loop is then the one that matters.)
/// </summary>
public class OptimizedLoopTests
{
    /// <summary>Loops over spans that run once per evaluation or call, not once per block (why each is allowed).</summary>
    private static readonly HashSet<string> OncePerCall = new(StringComparer.Ordinal)
    {
        "SlowSeries.Vectorization.VectorLoops.CheckLengths", // checks the operands' lengths once per call
        "SlowSeries.Vectorization.VectorLoops.CommonLength", // the same, before the blocks are handed out
        "SlowSeries.Vectorization.ReductionLanes.InOrder", // a chunk's eight lanes, once per chunk
    };

    private static readonly string[] BlockNamespaces = ["SlowSeries.Kernels", "SlowSeries.Execution", "SlowSeries.Vectorization"];

    [Fact]
    public void EverySpanLoopOfTheEnginesIsCompiledFullyOptimised()
    {
        var methods = typeof(KernelPlan).Assembly.GetTypes()
            .Where(type => BlockNamespaces.Contains(type.Namespace))
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(method => method.GetParameters().Any(parameter => IsSpan(parameter.ParameterType)))
            .ToList();
        var loops = methods.Where(method => method.GetMethodBody()?.GetILAsByteArray() is { } il && HasLoop(il)).ToList();
        var unoptimised = loops
            .Where(method => (method.MethodImplementationFlags & (MethodImplAttributes.AggressiveOptimization | MethodImplAttributes.AggressiveInlining)) == 0)
            .Select(method => $"{method.DeclaringType!.FullName}.{method.Name}")
            .Where(name => !OncePerCall.Contains(name))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(loops.Count > 30, $"only {loops.Count} span loops found: the scan no longer sees the engines");
        Assert.True(unoptimised.Count == 0, "span loops without MethodImplOptions.AggressiveOptimization:\n" + string.Join("\n", unoptimised));
    }

    [Fact]
    public void TheLoopScanSeesLoopsAndOnlyLoops()
    {
        Assert.True(HasLoop(IL(nameof(SumOf))));
        Assert.False(HasLoop(IL(nameof(FirstOf))));
    }

    private static int SumOf(ReadOnlySpan<int> values)
    {
        int sum = 0;
        foreach (int value in values)
        {
            sum += value;
        }

        return sum;
    }

    private static int FirstOf(ReadOnlySpan<int> values) => values.Length > 0 ? values[0] : -1;

    private static byte[] IL(string name) =>
        typeof(OptimizedLoopTests).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetMethodBody()!.GetILAsByteArray()!;

    private static bool IsSpan(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Span<>) || type.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>));

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    /// <summary>Whether the IL branches backwards (how C# compiles every loop).</summary>
    private static bool HasLoop(byte[] il)
    {
        int position = 0;
        while (position < il.Length)
        {
            short value = il[position] == 0xFE ? (short)(0xFE00 | il[position + 1]) : il[position];
            position += il[position] == 0xFE ? 2 : 1;
            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.ShortInlineBrTarget:
                    if ((sbyte)il[position] < 0)
                    {
                        return true;
                    }

                    position += 1;
                    break;
                case OperandType.InlineBrTarget:
                    if (BitConverter.ToInt32(il, position) < 0)
                    {
                        return true;
                    }

                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    int targets = BitConverter.ToInt32(il, position);
                    position += 4;
                    for (int t = 0; t < targets; t++, position += 4)
                    {
                        if (BitConverter.ToInt32(il, position) < 0)
                        {
                            return true;
                        }
                    }

                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    position += 1;
                    break;
                case OperandType.InlineVar:
                    position += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    position += 8;
                    break;
                default:
                    position += 4;
                    break;
            }
        }

        return false;
    }
}

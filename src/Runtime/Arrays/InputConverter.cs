using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using SlowSeries.Arrays;

namespace SlowSeries.Arrays;

/// <summary>Turns the values users pass as variables (arrays, memory, scalars, strings) into <see cref="NDArray"/> views.</summary>
internal static class InputConverter
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, PropertyInfo[]> PropertiesByType = new();

    public static NDArray ToNDArray(string name, object? value)
    {
        switch (value)
        {
            case null:
                throw new ArgumentException($"variable '{name}' is null", nameof(value));
            case NDArray array:
                return array;
            // The exact type: the runtime lets an sbyte[] pass for a byte[].
            case byte[] bytes when bytes.GetType() == typeof(byte[]):
                return NDArray.FromScalar(Scalar.FromBytes(bytes));
            case string text:
                return NDArray.FromScalar(Scalar.FromBytes(Ascii(name, text)));
            case string[] texts:
                return NDArray.Wrap(texts.Select(t => Ascii(name, t)).ToArray());
            case Array array when ElementTypes.TryGetDType(array.GetType().GetElementType()!, out _):
                return NDArray.Wrap(array);
            case Array array when WidenedInputs.TryWiden(array, out var widened):
                return widened;
            case bool b:
                return NDArray.FromScalar(Scalar.FromBool(b));
            case int i:
                return NDArray.FromScalar(Scalar.FromInt32(i));
            case long l:
                return NDArray.FromScalar(Scalar.FromInt64(l));
            case float f:
                return NDArray.FromScalar(Scalar.FromFloat32(f));
            case double d:
                return NDArray.FromScalar(Scalar.FromFloat64(d));
            case Complex c:
                return NDArray.FromScalar(Scalar.FromComplex(c));
            case Scalar s:
                return NDArray.FromScalar(s);
        }

        if (TryMemory(value, out var fromMemory))
        {
            return fromMemory;
        }

        if (WidenedInputs.FromMemory(value) is { } widenedMemory)
        {
            return widenedMemory;
        }

        if (WidenedInputs.FromScalar(value) is { } widenedScalar)
        {
            return NDArray.FromScalar(widenedScalar);
        }

        throw new ArgumentException(
            $"variable '{name}' has unsupported type {value.GetType().Name}; pass an NDArray, an array (T[], T[,], ...), Memory<T>, " +
            "a scalar, or a string, with T one of bool, int, long, float, double, Complex (or sbyte, short, ushort, uint, Half, and byte " +
            "as byte[,] or Memory<byte>, widened as NumExpr widens them)",
            nameof(value));
    }

    /// <summary>
    /// The named inputs an expression needs, as arrays, and every name the caller offered (for hints), from variables
    /// whose static type <typeparamref name="TVariables"/> is known at the call site: an anonymous object's properties
    /// are then kept by trimming and NativeAOT.
    /// </summary>
    public static (Dictionary<string, NDArray> Inputs, IReadOnlyCollection<string> Offered) Collect<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TVariables>(IEnumerable<string> needed, TVariables variables) =>
        Collect(needed, variables is null || IsDictionary(variables) || typeof(TVariables) == typeof(object) ? ReadVariables(variables) : ReadProperties(variables, typeof(TVariables)));

    /// <summary>The named inputs an expression needs, as arrays, and every name the caller offered (for hints).</summary>
    public static (Dictionary<string, NDArray> Inputs, IReadOnlyCollection<string> Offered) Collect(IEnumerable<string> needed, object? variables) =>
        Collect(needed, ReadVariables(variables));

    private static (Dictionary<string, NDArray> Inputs, IReadOnlyCollection<string> Offered) Collect(IEnumerable<string> needed, IReadOnlyDictionary<string, object?> values)
    {
        var inputs = new Dictionary<string, NDArray>(StringComparer.Ordinal);
        foreach (string name in needed)
        {
            if (!inputs.ContainsKey(name) && values.TryGetValue(name, out object? value))
            {
                inputs[name] = ToNDArray(name, value);
            }
        }

        return (inputs, values.Keys.ToList());
    }

    /// <summary>Reads variables from an anonymous object's properties or from a dictionary.</summary>
    public static IReadOnlyDictionary<string, object?> ReadVariables(object? variables)
    {
        switch (variables)
        {
            case null:
                return new Dictionary<string, object?>();
            case IReadOnlyDictionary<string, object?> readOnly:
                return readOnly;
            case IDictionary<string, object?> dictionary:
                return dictionary.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            case IDictionary legacy:
                var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (DictionaryEntry entry in legacy)
                {
                    copy[entry.Key.ToString()!] = entry.Value;
                }

                return copy;
        }

        return ReadPropertiesOfRuntimeType(variables);
    }

    private static bool IsDictionary(object variables) => variables is IReadOnlyDictionary<string, object?> or IDictionary<string, object?> or IDictionary;

    /// <summary>
    /// The properties of an object whose type the call site did not know (it was passed as <see cref="object"/>). A
    /// trimmed or NativeAOT app may have removed them: an object that shows none is refused with the remedy rather than
    /// read as "no variables".
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Only objects passed as object reach this; where trimming removed their properties, the error below names the overloads that keep them (the generic ones) and dictionaries.")]
    private static Dictionary<string, object?> ReadPropertiesOfRuntimeType(object variables)
    {
        var result = ReadProperties(variables, variables.GetType());
        if (result.Count == 0)
        {
            throw new ArgumentException(
                $"the variables object ({variables.GetType().Name}) shows no public properties (a trimmed or NativeAOT app removes those of an object passed as object): pass the anonymous object where its type is known (NumExpr.Evaluate(expression, new {{ a, b }}) keeps its properties) or a dictionary of names to values",
                nameof(variables));
        }

        return result;
    }

    private static Dictionary<string, object?> ReadProperties(object variables, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type)
    {
        if (!PropertiesByType.TryGetValue(type, out var properties))
        {
            properties = [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0)];
            PropertiesByType.TryAdd(type, properties);
        }
        var result = new Dictionary<string, object?>(properties.Length, StringComparer.Ordinal);
        foreach (var property in properties)
        {
            result[property.Name] = property.GetValue(variables);
        }

        return result;
    }

    private static byte[] Ascii(string name, string text)
    {
        if (text.Any(c => c > 127))
        {
            throw new ArgumentException($"variable '{name}' holds non-ASCII text; byte strings are ASCII (pass byte[] for other bytes)", nameof(text));
        }

        return Encoding.ASCII.GetBytes(text);
    }

    // Each element type spelled out rather than found by reflection: NativeAOT compiles only the instantiations it sees.
    private static bool TryMemory(object value, out NDArray array)
    {
        NDArray? found = value switch
        {
            Memory<double> m => FromMemory<double>(m),
            ReadOnlyMemory<double> m => FromMemory(m),
            Memory<float> m => FromMemory<float>(m),
            ReadOnlyMemory<float> m => FromMemory(m),
            Memory<long> m => FromMemory<long>(m),
            ReadOnlyMemory<long> m => FromMemory(m),
            Memory<int> m => FromMemory<int>(m),
            ReadOnlyMemory<int> m => FromMemory(m),
            Memory<bool> m => FromMemory<bool>(m),
            ReadOnlyMemory<bool> m => FromMemory(m),
            Memory<Complex> m => FromMemory<Complex>(m),
            ReadOnlyMemory<Complex> m => FromMemory(m),
            Memory<byte[]> m => FromMemory<byte[]>(m),
            ReadOnlyMemory<byte[]> m => FromMemory(m),
            _ => null,
        };
        array = found!;
        return found is not null;
    }

    private static NDArray FromMemory<T>(ReadOnlyMemory<T> memory)
    {
        if (MemoryMarshal.TryGetArray(memory, out var segment) && segment.Array is { } backing)
        {
            return NDArray.Wrap(backing).View(new Shape(segment.Count), [1], segment.Offset);
        }

        return NDArray.Wrap(memory.ToArray());
    }
}

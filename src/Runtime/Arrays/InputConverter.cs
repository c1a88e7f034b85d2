using System.Collections;
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
            case byte[] bytes:
                return NDArray.FromScalar(Scalar.FromBytes(bytes));
            case string text:
                return NDArray.FromScalar(Scalar.FromBytes(Ascii(name, text)));
            case string[] texts:
                return NDArray.Wrap(texts.Select(t => Ascii(name, t)).ToArray());
            case Array array when ElementTypes.TryGetDType(array.GetType().GetElementType()!, out _):
                return NDArray.Wrap(array);
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

        throw new ArgumentException(
            $"variable '{name}' has unsupported type {value.GetType().Name}; pass an NDArray, an array (T[], T[,], ...), Memory<T>, " +
            "a scalar, or a string, with T one of bool, int, long, float, double, Complex",
            nameof(value));
    }

    /// <summary>The named inputs an expression needs, as arrays, and every name the caller offered (for hints).</summary>
    public static (Dictionary<string, NDArray> Inputs, IReadOnlyCollection<string> Offered) Collect(IEnumerable<string> needed, object? variables)
    {
        var values = ReadVariables(variables);
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

        var properties = PropertiesByType.GetOrAdd(variables.GetType(), type => type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToArray());
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

    private static bool TryMemory(object value, out NDArray array)
    {
        Type type = value.GetType();
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Memory<>) || type.GetGenericTypeDefinition() == typeof(ReadOnlyMemory<>)))
        {
            Type element = type.GetGenericArguments()[0];
            var method = typeof(InputConverter).GetMethod(nameof(FromMemory), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(element);
            object memory = type.GetGenericTypeDefinition() == typeof(Memory<>)
                ? type.GetMethod("op_Implicit", [type])!.Invoke(null, [value])!
                : value;
            array = (NDArray)method.Invoke(null, [memory])!;
            return true;
        }

        array = null!;
        return false;
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

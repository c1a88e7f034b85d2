using System.Runtime.CompilerServices;

namespace SlowSeries.Language;

/// <summary>Method options the netstandard2.0 generator, which compiles the language core too, has no name for.</summary>
internal static class MethodOptions
{
    /// <summary><c>MethodImplOptions.AggressiveOptimization</c> (512; .NET Core 3.0 and later honour it).</summary>
    public const MethodImplOptions AggressiveOptimization = (MethodImplOptions)512;
}

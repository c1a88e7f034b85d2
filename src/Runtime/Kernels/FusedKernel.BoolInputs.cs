using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Kernels;

/// <summary>
/// bool inputs — masks a NumExpr user passes in (<c>where(q, a, 0)</c>, <c>~q &amp; (b &gt; 0.5)</c>) — read by the fused
/// loop as lane masks of its own lanes: a vector's worth of bytes widened to the lanes' size and compared with zero, so
/// that any nonzero byte is true, as NumPy reads a bool. On the block interpreter instead, each step's bools went
/// through a block buffer: `~q &amp; (b &gt; 0.5)` on 1e7 took 12 ms against NumExpr's 10 (2 threads, AVX-512).
/// </summary>
internal static partial class FusedKernel
{
    /// <summary>The method loading a bool input's vector as a mask of <paramref name="lane"/> lanes at this width.</summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static MethodInfo MaskLoad(VectorWidth width, Type lane) => AtWidth("LoadMask", width.Bytes).MakeGenericMethod(lane);

    /// <summary>A bool (a uniform input's element, or a constant) as a mask of the loop's vector type: every lane set or clear.</summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static ConditionalExpression UniformMask(Type vectorType, Expression value) =>
        Expression.Condition(value, Expression.Property(null, vectorType, nameof(Vector512<double>.AllBitsSet)), Expression.Property(null, vectorType, nameof(Vector512<double>.Zero)));

    /// <summary>Whether every register of the plan holds bools: such a loop runs int32 lanes, 16 bools per 512 bits.</summary>
    private static bool OnlyBools(KernelPlan plan)
    {
        foreach (var dtype in plan.Registers)
        {
            if (dtype != Arrays.DType.Bool)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// array[index], … array[index + lanes − 1] as a mask of <typeparamref name="T"/> lanes (all bits set where the byte
    /// is not 0), without a bounds check: exactly those bytes are read.
    /// </summary>
    /// <remarks>
    /// On x64 the bytes are widened by one zero-extending instruction (vpmovzxbq, vpmovzxbd) instead of three halving
    /// steps: `~q &amp; (b &gt; 0.5)` 2.6–3.1 → 2.4–2.6 ms, `where(q, k, -k)` 1.9–2.6 → 1.8–2.4, a bool view read where its
    /// rows lie `where(qh, m[:, :50], 0)` 3.8–5.0 → 3.5–4.5 (1e7, 2 threads, AVX-512, three alternations).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> LoadMask512<T>(bool[] array, int index)
    {
        ref byte first = ref BoolBytes(array, index);
        if (Vector512<T>.Count == 8)
        {
            var bytes = Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(ref first)).AsByte();
            var lanes = System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? System.Runtime.Intrinsics.X86.Avx512F.ConvertToVector512Int64(bytes).AsUInt64()
                : Vector512.WidenLower(Vector256.WidenLower(Vector128.WidenLower(bytes).ToVector256Unsafe()).ToVector512Unsafe());
            return (~Vector512.Equals(lanes, Vector512<ulong>.Zero)).As<ulong, T>();
        }

        var sixteen = Vector128.LoadUnsafe(ref first);
        var words = System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? System.Runtime.Intrinsics.X86.Avx512F.ConvertToVector512Int32(sixteen).AsUInt32()
            : Vector512.WidenLower(Vector256.WidenLower(sixteen.ToVector256Unsafe()).ToVector512Unsafe());
        return (~Vector512.Equals(words, Vector512<uint>.Zero)).As<uint, T>();
    }

    /// <summary>A 256-bit <see cref="LoadMask512{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> LoadMask256<T>(bool[] array, int index)
    {
        ref byte first = ref BoolBytes(array, index);
        if (Vector256<T>.Count == 4)
        {
            var bytes = Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(ref first)).AsByte();
            var lanes = Vector256.WidenLower(Vector128.WidenLower(Vector128.WidenLower(bytes)).ToVector256Unsafe());
            return (~Vector256.Equals(lanes, Vector256<ulong>.Zero)).As<ulong, T>();
        }

        var eight = Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(ref first)).AsByte();
        var words = Vector256.WidenLower(Vector128.WidenLower(eight).ToVector256Unsafe());
        return (~Vector256.Equals(words, Vector256<uint>.Zero)).As<uint, T>();
    }

    /// <summary>A 128-bit <see cref="LoadMask512{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> LoadMask128<T>(bool[] array, int index)
    {
        ref byte first = ref BoolBytes(array, index);
        if (Vector128<T>.Count == 2)
        {
            var bytes = Vector128.CreateScalar(Unsafe.ReadUnaligned<ushort>(ref first)).AsByte();
            var lanes = Vector128.WidenLower(Vector128.WidenLower(Vector128.WidenLower(bytes)));
            return (~Vector128.Equals(lanes, Vector128<ulong>.Zero)).As<ulong, T>();
        }

        var four = Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(ref first)).AsByte();
        var words = Vector128.WidenLower(Vector128.WidenLower(four));
        return (~Vector128.Equals(words, Vector128<uint>.Zero)).As<uint, T>();
    }

    /// <summary>The byte of array[index], without a bounds check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte BoolBytes(bool[] array, int index) =>
        ref Unsafe.As<bool, byte>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)index));
}

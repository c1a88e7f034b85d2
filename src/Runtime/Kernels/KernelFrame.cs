using System.Runtime.CompilerServices;
using SlowSeries.Arrays;

namespace SlowSeries.Kernels;

/// <summary>
/// One thread's registers for a kernel: a block-sized buffer per register, or a borrowed slice of an input or the
/// output (contiguous operands are read and written in place, never copied).
/// </summary>
internal sealed class KernelFrame
{
    private readonly Array?[] buffers;
    private readonly int[] bufferOffsets;
    private readonly Dictionary<int, Array> slotBuffers = [];
    private readonly IReadOnlyList<DType> types;
    private readonly IReadOnlyList<int> slots;
    private readonly Array?[] borrowed;
    private readonly int[] borrowedOffsets;
    private readonly Dictionary<int, Scalar> constants = [];

    public KernelFrame(KernelPlan plan)
    {
        BlockSize = plan.BlockSize;
        types = plan.Registers;
        slots = plan.Slots;
        buffers = new Array?[plan.Registers.Count];
        bufferOffsets = new int[buffers.Length];
        borrowed = new Array?[buffers.Length];
        borrowedOffsets = new int[buffers.Length];
        foreach (var (register, value) in plan.Constants)
        {
            constants[register] = value;
        }

        // Reused across chunks and evaluations of the same plan.
        IndexScratch = new int[Math.Max(1, plan.Rank)];
    }

    public int BlockSize { get; }

    private readonly Dictionary<Type, (Array Data, int Offset)> alignedScratch = [];

    /// <summary>
    /// A block-sized buffer starting on a 64-byte boundary. TensorPrimitives groups elements into vectors by the
    /// destination's alignment, and some of its functions compute a vector by a scalar fallback when one lane needs
    /// it: writing to an aligned buffer makes an element's result independent of where an array happened to land.
    /// </summary>
    public Span<T> AlignedScratch<T>(int count)
        where T : unmanaged
    {
        if (!alignedScratch.TryGetValue(typeof(T), out var scratch))
        {
            int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            var data = GC.AllocateArray<T>(BlockSize + (64 / size), pinned: true);
            scratch = (data, BlockBufferPool.ElementsToAlignment(data, size));

            alignedScratch[typeof(T)] = scratch;
        }

        return ((T[])scratch.Data).AsSpan(scratch.Offset, count);
    }

    public int[] IndexScratch { get; }

    /// <summary>Has .NET compile <see cref="Get{T}"/> for float64 and <see cref="Buffer"/> ahead of their first call (see KernelExecutor.StartPreparingInterpreter).</summary>
    public static void Prepare()
    {
        const System.Reflection.BindingFlags Instance = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance;
        RuntimeHelpers.PrepareMethod(typeof(KernelFrame).GetMethod(nameof(Get), Instance)!.MethodHandle, [typeof(double).TypeHandle]);
        RuntimeHelpers.PrepareMethod(typeof(KernelFrame).GetMethod(nameof(Buffer), Instance)!.MethodHandle);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Span<T> Get<T>(int register, int count)
    {
        if (borrowed[register] is { } data)
        {
            return Flat<T>(data).Slice(borrowedOffsets[register], count);
        }

        return ((T[])Buffer(register)).AsSpan(bufferOffsets[register], count);
    }

    /// <summary>
    /// A register's own buffer, lent by <see cref="BlockBufferPool"/> when first used until <see cref="ReturnBuffers"/>:
    /// registers that always borrow (contiguous inputs and outputs) never get one, and the fused loop, which holds
    /// constants in vector registers, fills none. Registers whose lifetimes do not overlap share one buffer (see
    /// <see cref="KernelPlan.Slots"/>); a constant's is filled when lent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Array Buffer(int register)
    {
        if (buffers[register] is { } buffer)
        {
            return buffer;
        }

        if (!slotBuffers.TryGetValue(slots[register], out buffer))
        {
            buffer = BlockBufferPool.Rent(types[register], BlockSize + BlockBufferPool.AlignmentSlack(types[register]));
            slotBuffers[slots[register]] = buffer;
        }

        buffers[register] = buffer;
        bufferOffsets[register] = BlockBufferPool.ElementsToAlignment(buffer, types[register]);
        if (constants.TryGetValue(register, out var value))
        {
            Fill(register, value);
        }

        return buffer;
    }

    /// <summary>Gives the lent buffers back (the frame is idle); the next use borrows again.</summary>
    public void ReturnBuffers()
    {
        foreach (var buffer in slotBuffers.Values)
        {
            BlockBufferPool.Return(buffer);
        }

        slotBuffers.Clear();
        Array.Clear(buffers);
    }

    /// <summary>Makes a register read or write the elements of <paramref name="data"/> from <paramref name="offset"/> on, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Borrow(int register, Array data, int offset)
    {
        borrowed[register] = data;
        borrowedOffsets[register] = offset;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Release(int register) => borrowed[register] = null;

    /// <summary>Whether the register reads or writes a caller's array in place (see <see cref="Borrow"/>) rather than its own buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsBorrowed(int register) => borrowed[register] is not null;

    /// <summary>Where a register's elements are: the borrowed array and offset, or its own buffer from its first 64-byte boundary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (Array Data, int Offset) Location(int register) =>
        borrowed[register] is { } data ? (data, borrowedOffsets[register]) : (Buffer(register), bufferOffsets[register]);

    /// <summary>
    /// Per-frame arguments for the fused kernel, one slot per input and then per result: the arrays and offsets, the
    /// array type each slot must have, and one vector's worth of padding per slot (of that slot's dtype) for the last
    /// elements of a block.
    /// </summary>
    public FusedSlots FusedArguments(KernelPlan plan, int width) => fusedArguments ??= NewFusedSlots(plan, width);

    // Apart from FusedArguments, whose every call would otherwise allocate these lambdas' closure (once per block).
    private static FusedSlots NewFusedSlots(KernelPlan plan, int width)
    {
        int slots = plan.Inputs.Count + plan.Roots.Count;
        var arrayTypes = new Type[slots];
        var pads = new Array[slots];
        for (int k = 0; k < slots; k++)
        {
            var type = FusedKernel.OperandType(plan, k);
            arrayTypes[k] = ElementTypes.Allocate(type, 0).GetType();
            // Strides of vectors: an input read at a stride holds its lanes at the stride's multiples.
            pads[k] = ElementTypes.Allocate(type, StridedInputs.MaximumStride * width);
        }

        // A whole reduction's partials, for the loop that keeps them in registers (FusedKernel.TryCompileAccumulating).
        var root = plan.Registers[plan.Roots[0]];
        var partials = FusedKernel.AccumulatingQualifies(plan) ? ElementTypes.Allocate(root, Execution.FixedLayoutReduction.PartialBytes / root.ItemSize()) : null;

        // Six times as many offsets as slots: after the operands', each input's row length (inputs read by row position),
        // row stride, first element's array index, rows per plane and plane stride (row segment inputs).
        return new FusedSlots(new Array[slots], new int[6 * slots], arrayTypes, pads, new int[6 * slots], partials);
    }

    private FusedSlots? fusedArguments;

    public sealed record FusedSlots(Array[] Arrays, int[] Offsets, Type[] ArrayTypes, Array[] Pads, int[] ZeroOffsets, Array? Partials);

    public Scalar GetScalar(int register, DType type, int index) => type switch
    {
        DType.Bool => Scalar.FromBool(Get<bool>(register, index + 1)[index]),
        DType.Int32 => Scalar.FromInt32(Get<int>(register, index + 1)[index]),
        DType.Int64 => Scalar.FromInt64(Get<long>(register, index + 1)[index]),
        DType.Float32 => Scalar.FromFloat32(Get<float>(register, index + 1)[index]),
        DType.Float64 => Scalar.FromFloat64(Get<double>(register, index + 1)[index]),
        DType.Complex128 => Scalar.FromComplex(Get<System.Numerics.Complex>(register, index + 1)[index]),
        _ => Scalar.FromBytes(Get<byte[]>(register, index + 1)[index] ?? []),
    };

    public void SetScalar(int register, int index, Scalar value)
    {
        switch (value.Type)
        {
            case DType.Bool: Get<bool>(register, index + 1)[index] = value.Boolean; break;
            case DType.Int32: Get<int>(register, index + 1)[index] = (int)value.Integer; break;
            case DType.Int64: Get<long>(register, index + 1)[index] = value.Integer; break;
            case DType.Float32: Get<float>(register, index + 1)[index] = (float)value.Real; break;
            case DType.Float64: Get<double>(register, index + 1)[index] = value.Real; break;
            case DType.Complex128: Get<System.Numerics.Complex>(register, index + 1)[index] = value.Complex; break;
            default: Get<byte[]>(register, index + 1)[index] = value.Bytes; break;
        }
    }

    private void Fill(int register, Scalar value)
    {
        switch (value.Type)
        {
            case DType.Bool: Get<bool>(register, BlockSize).Fill(value.Boolean); break;
            case DType.Int32: Get<int>(register, BlockSize).Fill((int)value.Integer); break;
            case DType.Int64: Get<long>(register, BlockSize).Fill(value.Integer); break;
            case DType.Float32: Get<float>(register, BlockSize).Fill((float)value.Real); break;
            case DType.Float64: Get<double>(register, BlockSize).Fill(value.Real); break;
            case DType.Complex128: Get<System.Numerics.Complex>(register, BlockSize).Fill(value.Complex); break;
            default: Get<byte[]>(register, BlockSize).Fill(value.Bytes); break;
        }
    }

    private static Span<T> Flat<T>(Array data) => data is T[] vector
        ? vector
        : System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
            ref System.Runtime.CompilerServices.Unsafe.As<byte, T>(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(data)),
            data.Length);
}

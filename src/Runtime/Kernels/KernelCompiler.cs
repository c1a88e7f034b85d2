using System.Numerics;
using SlowSeries.Arrays;
using SlowSeries.Language.Binding;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Semantics;

namespace SlowSeries.Kernels;

/// <summary>
/// Lowers a bound expression into a <see cref="KernelPlan"/>: one register per distinct subexpression (common
/// subexpressions share one), constant powers unrolled into the multiplications NumExpr performs, and sin/cos of
/// the same operand computed together. Returns null for what the kernels do not cover yet (reductions along an
/// axis), which the reference evaluator then computes.
/// </summary>
internal sealed class KernelCompiler
{
    /// <summary>
    /// Elements per block of a reduction (whose block partials, combined in order, fix its summation order) and of the
    /// block interpreter, whose steps each make a pass over their operands: at this size those stay in the L1 cache.
    /// </summary>
    public const int InterpreterBlockSize = 1024;

    /// <summary>
    /// Elements per block of an element-wise plan's buffers, all of which the fused loop uses when it runs. Each block
    /// costs a set-up (its inputs gathered, the loop called, a padded tail), and one pass over the buffers keeps them in
    /// the L2 cache at this size: `m*x + y` (inputs gathered by rows of 100) on 1e7 elements ran 6.1 ms in blocks of
    /// 4,096 against 6.9-11 ms in blocks of 1,024 (2 threads, AVX-512).
    /// </summary>
    public const int FusedBlockSize = 4096;

    /// <summary>
    /// Elements per block of a reduction of a whole operand, at every size (the block partials, combined in order, fix
    /// its summation order, so the size must not depend on how large the operand or a distributed piece of it is). Each
    /// block costs a fold of its partials: in blocks of 1,024, `sum(a*b)` on 1e7 ran at 1.3x a hand-written dot
    /// product's time (1 thread, AVX-512).
    /// </summary>
    public const int ReductionBlockSize = 4096;

    /// <summary>
    /// Elements a fused loop computes per call in a reduction of a whole operand: several of its blocks, each still folded
    /// on its own (the same bits). A call costs its set-up: with one call per 4,096 elements,
    /// `sum(sin(twoPi*a)**2 + cos(twoPi*a)**2)` took 11.5 ms against 10.5 (1e7, 1 thread, AVX-512).
    /// </summary>
    public const int ReductionRunSize = 4 * ReductionBlockSize;

    private readonly List<DType> registers = [];
    private readonly List<KernelStep> steps = [];
    private readonly List<(int Register, Scalar Value)> constants = [];
    private readonly Dictionary<string, int> known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> inputRegisters = new(StringComparer.Ordinal);
    private readonly List<(string Name, int Register)> inputs = [];
    private ulong uniformInputs;
    private readonly List<(string Name, KernelPlan Plan)> hoisted = [];
    private readonly Dictionary<int, string> sources = [];
    private string? sourceText;
    private readonly long iterationSize;
    private readonly int blockSize;

    private KernelCompiler(long iterationSize, int blockSize)
    {
        this.iterationSize = iterationSize;
        this.blockSize = blockSize;
    }

    /// <summary>One expression, or a group of element-wise expressions of the same shape computed in one pass.</summary>
    public static KernelPlan? TryCompile(IReadOnlyList<BoundExpression> expressions, int? blockSize = null)
    {
        Operation? reduction = null;
        int? axis = null;
        var bodies = new List<BoundNode>();
        foreach (var expression in expressions)
        {
            BoundNode body = expression.Root;
            if (body is BoundReduction rootReduction)
            {
                // complex128 reductions of a whole operand only (along an axis: the reference evaluator).
                if (expressions.Count > 1 || (rootReduction.Axis is not null && (!rootReduction.Type.IsNumeric() || rootReduction.Type == DType.Complex128)))
                {
                    return null;
                }

                reduction = rootReduction.Operator.Operation;
                axis = rootReduction.Axis;
                body = rootReduction.Operand;
            }

            bodies.Add(body);
        }

        Shape shape = bodies[0].Shape;
        if (bodies.Any(b => !b.Shape.Equals(shape)))
        {
            return null;
        }

        // Along the only axis of a one-dimensional operand is over the whole of it, which the whole reduction's loop folds
        // in registers: as an axis reduction `max(f, axis=0)` on 1e7 float32 took 1.7 ms against `max(f)`'s 0.7.
        if (axis is not null && shape.Rank == 1)
        {
            axis = null;
        }

        // Buffers of the fused loop's blocks only where the fused loop can run: below its threshold the interpreter's blocks
        // are all a plan's buffers need (a new expression on 1e4 elements allocated and filled 32 KB per register, not 8).
        bool fusable = reduction is null && shape.Size >= Execution.KernelExecutor.FusedThreshold;
        bool wholeReduction = reduction is not null && axis is null;
        var compiler = new KernelCompiler(shape.Size, blockSize ?? (fusable ? FusedBlockSize : wholeReduction ? ReductionRunSize : InterpreterBlockSize));
        var roots = new List<int>();
        for (int k = 0; k < bodies.Count; k++)
        {
            var body = bodies[k];

            // Hoisted subexpressions carry a synthetic name, not the text their spans point into.
            compiler.sourceText = expressions[k].Text.StartsWith('$') ? null : expressions[k].Text;
            int root = compiler.Lower(body);
            bool reducedInPlace = reduction is not null && compiler.inputRegisters.ContainsValue(root);
            if (!reducedInPlace && (!compiler.steps.Any(s => s.Output == root) || roots.Contains(root)))
            {
                // The result is an input, a constant or another result: it still needs its own register to be written out.
                // (A reduction of an input reads it where it is: copied first, `sum(m, axis=0)` took 2.8 ms against NumPy's 2.1.)
                int copy = compiler.NewRegister(body.Type);
                compiler.steps.Add(StepLibrary.Copy(body.Type, root, copy));
                root = copy;
            }

            roots.Add(root);
        }

        compiler.PairSinCos();
        compiler.FuseMultiplyAdds();
        return new KernelPlan
        {
            Expressions = expressions,
            Registers = compiler.registers,
            Inputs = compiler.inputs,
            UniformInputs = compiler.uniformInputs,
            Hoisted = compiler.hoisted,
            Constants = compiler.constants,
            Steps = compiler.steps,
            Roots = roots,
            IterationShape = shape,
            Reduction = reduction,
            ReductionAxis = axis,
            BlockSize = (int)Math.Max(1, Math.Min(compiler.blockSize, shape.Size)),
            Slots = compiler.AllocateSlots(roots),
            Sources = compiler.sources,
        };
    }

    /// <summary>
    /// Linear-scan buffer sharing: a temporary's buffer is free again after the last step that reads it. Inputs,
    /// constants and results keep their own (inputs are gathered into theirs; a constant is filled whenever its block is lent).
    /// </summary>
    private int[] AllocateSlots(IReadOnlyList<int> roots)
    {
        var lastUse = new Dictionary<int, int>();
        for (int i = 0; i < steps.Count; i++)
        {
            foreach (int input in steps[i].Inputs)
            {
                lastUse[input] = i;
            }
        }

        var pinned = new HashSet<int>(roots);
        foreach (var (_, register) in inputs)
        {
            pinned.Add(register);
        }

        foreach (var (register, _) in constants)
        {
            pinned.Add(register);
        }

        var slots = new int[registers.Count];
        int next = 0;
        foreach (int register in pinned)
        {
            slots[register] = next++;
        }

        // Free buffers by type, and live temporaries by register (the slot each holds).
        var free = new List<int>?[Enum.GetValues<DType>().Length];
        var live = new List<int>();
        for (int i = 0; i < steps.Count; i++)
        {
            foreach (int output in Outputs(steps[i]))
            {
                if (pinned.Contains(output))
                {
                    continue;
                }

                var sameType = free[(int)registers[output]];
                if (sameType is { Count: > 0 })
                {
                    slots[output] = sameType[0];
                    sameType.RemoveAt(0);
                }
                else
                {
                    slots[output] = next++;
                }

                live.Add(output);
            }

            // Free after this step's outputs are placed, so no step writes a buffer it is still reading.
            for (int k = 0; k < live.Count; k++)
            {
                int register = live[k];
                if (!lastUse.TryGetValue(register, out int last) || last <= i)
                {
                    live.RemoveAt(k--);
                    (free[(int)registers[register]] ??= []).Add(slots[register]);
                }
            }
        }

        return slots;
    }

    private static int[] Outputs(KernelStep step) => step switch
    {
        SinCosStep<double> pair => [pair.Output, pair.Cosine],
        SinCosStep<float> pair => [pair.Output, pair.Cosine],
        _ => [step.Output],
    };

    private int NewRegister(DType type)
    {
        registers.Add(type);
        return registers.Count - 1;
    }

    private int Lower(BoundNode node)
    {
        int register = LowerNode(node);
        bool written = sourceText is not null && node.Span.Length > 0 && node.Span.Start + node.Span.Length <= sourceText.Length;
        sources.TryAdd(register, written ? sourceText!.Substring(node.Span.Start, node.Span.Length).Trim() : BoundText.Canonical(node));
        return register;
    }

    private int LowerNode(BoundNode node)
    {
        switch (node)
        {
            case BoundConstant constant:
                return Constant(constant.Value);
            case BoundVariable variable:
                return Input(variable.Name, variable.Type, variable.Shape.Size == 1);
            case BoundOperation or BoundCast when node.Shape.Size < iterationSize && node.Shape.Size * 2 <= iterationSize && !IsCheapArithmetic(node) && Hoist(node) is { } name:
                return Input(name, node.Type, node.Shape.Size == 1);
            case BoundCast cast:
                return Cast(Lower(cast.Operand), cast.Operand.Type, cast.Type);
            case BoundOperation { Operator.Operation: Operation.PowerByConstant } power:
                return PowerByConstant(power);
            case BoundOperation operation:
                {
                    var operands = new int[operation.Operands.Count];
                    var types = new DType[operands.Length];
                    for (int k = 0; k < operands.Length; k++)
                    {
                        operands[k] = Lower(operation.Operands[k]);
                        types[k] = operation.Operands[k].Type;
                    }

                    DType operandType = operation.Operator.Operation == Operation.Where ? operation.Operands[1].Type : operation.Operands[0].Type;
                    return Emit(operation.Operator.Operation, operandType, types, operation.Type, operands);
                }

            default:
                throw new InvalidOperationException($"{node.GetType().Name} cannot appear inside an element-wise expression");
        }
    }

    /// <summary>
    /// One arithmetic operation costs less per element than reading a hoisted array of its result does: its operands
    /// are hoisted instead (sin(lat) * cos(lon) reads sin(lat) and cos(lon), two short rows, not an nlat × nlon table).
    /// </summary>
    private static bool IsCheapArithmetic(BoundNode node) =>
        node is BoundOperation { Operator.Operation: Operation.Add or Operation.Subtract or Operation.Multiply or Operation.Negate } operation
        && operation.Type is DType.Float64 or DType.Float32;

    private int Input(string name, DType type, bool uniform)
    {
        if (!inputRegisters.TryGetValue(name, out int register))
        {
            register = NewRegister(type);
            inputRegisters[name] = register;
            if (uniform && inputs.Count < 64)
            {
                uniformInputs |= 1UL << inputs.Count;
            }

            inputs.Add((name, register));
        }

        return register;
    }

    /// <summary>Compiles a subexpression that is constant along some axes to run once on its own, smaller shape.</summary>
    private string? Hoist(BoundNode node)
    {
        string name = "$" + BoundText.Canonical(node);
        if (hoisted.Any(h => h.Name == name))
        {
            return name;
        }

        var variables = BoundText.Variables(node);
        var plan = TryCompile([new BoundExpression(name, node, variables)]);
        if (plan is null)
        {
            return null;
        }

        hoisted.Add((name, plan));
        return name;
    }

    private int Constant(Scalar value)
    {
        string key = $"const {value.Type.Name()} {value}";
        if (!known.TryGetValue(key, out int register))
        {
            register = NewRegister(value.Type);
            constants.Add((register, value));
            known[key] = register;
        }

        return register;
    }

    private int Cast(int operand, DType from, DType to)
    {
        if (from == to)
        {
            return operand;
        }

        return Reuse($"cast {to.Name()} r{operand}", to, output =>
            StepLibrary.TryCreateCast(from, to, operand, output)
            ?? new ScalarFallbackStep($"to {to.Name()}", values => values[0].CastTo(to), [operand], [from], output, canFail: false));
    }

    private int Emit(Operation op, DType operandType, IReadOnlyList<DType> operandTypes, DType result, int[] operands)
    {
        string key = $"{op.ToString()} {result.Name()} r{string.Join(",r", operands)}";
        return Reuse(key, result, output =>
            StepLibrary.TryCreate(op, operandType, result, operands, output)
            ?? new ScalarFallbackStep(
                OperatorTable.Get(op).Name,
                values => ScalarSemantics.Apply(op, result, values).CastTo(result),
                operands,
                operandTypes,
                output,
                canFail: op == Operation.Power));
    }

    private int Reuse(string key, DType type, Func<int, KernelStep> create)
    {
        if (known.TryGetValue(key, out int existing))
        {
            return existing;
        }

        int output = NewRegister(type);
        steps.Add(create(output));
        known[key] = output;
        return output;
    }

    /// <summary>
    /// z ** n for a whole 1 ≤ n &lt; 100 as the reference (NumPy's npy_cpow) computes it, on whole vectors: z, z·z and
    /// z·(z·z) for 1, 2, 3, else a product that starts at 1 + 0i and takes the binary powers of z (1·z is not z for
    /// every special value: 1·(∞ + 0i) has a NaN part); z = 0 gives 0 (the products would keep signs of zero). Element
    /// by element, `z**2` on 1e6 elements took 32 ms against NumExpr's 0.77.
    /// </summary>
    private int ComplexPowerChain(int z, long n)
    {
        const DType Complex = DType.Complex128;
        int Multiply(int left, int right) => Emit(Operation.Multiply, Complex, [Complex, Complex], Complex, [left, right]);
        if (n == 2)
        {
            return Reuse($"square r{z}", Complex, output => new UnarySpanStep<System.Numerics.Complex, System.Numerics.Complex>("square", ComplexArithmetic.Square, z, output));
        }

        int product = n switch
        {
            1 => z,
            3 => Multiply(z, Multiply(z, z)),
            _ => Constant(Scalar.FromComplex(System.Numerics.Complex.One)),
        };
        int factor = z;
        for (long mask = 1; n > 3; mask <<= 1)
        {
            if ((n & mask) != 0)
            {
                product = Multiply(product, factor);
            }

            if (n < (mask << 1))
            {
                break;
            }

            factor = Multiply(factor, factor);
        }

        return Reuse($"zero power r{z} r{product}", Complex, output => new BinarySpanStep<System.Numerics.Complex, System.Numerics.Complex, System.Numerics.Complex>("zero where the base is", ComplexArithmetic.ZeroWhereZero, z, product, output));
    }

    /// <summary>
    /// z ** c for a half 0 &lt; c ≤ 50 as NumExpr computes it: the whole power n = ⌊c⌋ (<see cref="ComplexPowerChain"/>)
    /// times √z — square roots and products on vectors. Through exp(c·log z), NumPy's way, `z**2.5` on 1e6 elements took
    /// 5.0 ms at 512 bits and 8.4 at 256, against NumExpr's 6.4. (Negative half powers stay NumPy's: 1/0 would be ∞ + NaN·i
    /// where both libraries give NaN + NaN·i.)
    /// </summary>
    private int ComplexHalfPower(int z, double c)
    {
        const DType Complex = DType.Complex128;
        long n = (long)c;
        int root = Emit(Operation.Sqrt, Complex, [Complex], Complex, [z]);
        return n >= 1 ? Emit(Operation.Multiply, Complex, [Complex, Complex], Complex, [ComplexPowerChain(z, n), root]) : root;
    }

    /// <summary>The multiplication chain of <see cref="ScalarSemantics"/>' PowerByConstant, one step per multiplication.</summary>
    private int PowerByConstant(BoundOperation power)
    {
        BoundNode baseNode = power.Operands[0];
        Scalar exponent = ((BoundConstant)power.Operands[1]).Value;
        int x = Lower(baseNode);
        if (baseNode.Type == DType.Complex128)
        {
            double whole = exponent.Type is DType.Bool or DType.Int32 or DType.Int64 ? exponent.Integer : exponent.Real;
            if (exponent.Type != DType.Complex128 && whole == Math.Floor(whole) && whole is >= 1 and < 100)
            {
                return ComplexPowerChain(x, (long)whole);
            }

            if (exponent.Type != DType.Complex128 && whole != Math.Floor(whole) && whole > 0)
            {
                // A positive half power, as NumExpr computes it (ScalarSemantics' PowerByConstant): z^n·√z.
                return ComplexHalfPower(x, whole);
            }

            // 0, negative whole and negative half exponents: NumPy's complex power (ComplexPower).
            return Emit(Operation.Power, DType.Complex128, [DType.Complex128, DType.Complex128], power.Type, [x, Constant(Scalar.FromComplex(new System.Numerics.Complex(whole, 0)))]);
        }

        double c = exponent.Type is DType.Bool or DType.Int32 or DType.Int64 ? exponent.Integer : exponent.Real;
        long n = (long)Math.Abs(c);
        bool half = Math.Abs(2 * c) % 2 == 1;
        DType chainType = half && baseNode.Type.IsInteger() ? power.Type : baseNode.Type;
        x = Cast(x, baseNode.Type, chainType);

        int? product = null;
        int factor = x;
        for (long mask = 1; ; mask <<= 1)
        {
            if ((n & mask) != 0)
            {
                product = product is { } p ? Emit(Operation.Multiply, chainType, [chainType, chainType], chainType, [p, factor]) : factor;
            }

            if ((mask << 1) > n)
            {
                break;
            }

            factor = Emit(Operation.Multiply, chainType, [chainType, chainType], chainType, [factor, factor]);
        }

        if (half)
        {
            int root = Emit(Operation.Sqrt, power.Type, [power.Type], power.Type, [Cast(x, chainType, power.Type)]);
            product = product is { } p ? Emit(Operation.Multiply, power.Type, [power.Type, power.Type], power.Type, [Cast(p, chainType, power.Type), root]) : root;
            chainType = power.Type;
        }

        int value = product ?? Constant(Scalar.FromInt32(1).CastTo(chainType));
        if (c < 0)
        {
            value = chainType.IsInteger()
                ? Reuse($"reciprocal r{value}", chainType, output => StepLibrary.IntegerReciprocal(chainType, value, output)!)
                : Emit(Operation.TrueDivide, chainType, [chainType, chainType], chainType, [Constant(Scalar.FromInt32(1).CastTo(chainType)), value]);
        }

        return Cast(value, chainType, power.Type);
    }

    /// <summary>
    /// x*y + z in one pass when the product has no other use: SpanArithmetic.MultiplyAdd rounds the product before
    /// adding (it is not a fused multiply-add), so the result is bit for bit that of the two steps.
    /// </summary>
    private void FuseMultiplyAdds()
    {
        var uses = new int[registers.Count];
        foreach (var step in steps)
        {
            foreach (int input in step.Inputs)
            {
                uses[input]++;
            }
        }

        FuseMultiplyAdd<double>(uses);
        FuseMultiplyAdd<float>(uses);
    }

    /// <summary>Replaces a + b·c by one multiply-add step where the product is read nowhere else.</summary>
    /// <remarks>
    /// Written without lambdas or cached method-group delegates: their caches are static fields of classes generic over
    /// <typeparamref name="T"/>, which ReadyToRun cannot compile, so a fresh process would JIT this method.
    /// </remarks>
    private void FuseMultiplyAdd<T>(int[] uses)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < steps.Count; i++)
        {
            if (steps[i] is not BinarySpanStep<T, T, T> { Name: nameof(Operation.Add) } add)
            {
                continue;
            }

            for (int side = 0; side < 2; side++)
            {
                int product = add.Inputs[side];
                int addend = add.Inputs[1 - side];
                if (uses[product] != 1 || StepWriting(product) is not BinarySpanStep<T, T, T> { Name: nameof(Operation.Multiply) } multiply)
                {
                    continue;
                }

                steps[i] = new TernarySpanStep<T, T, T, T>(
                    "MultiplyAdd",
                    new TernarySpan<T, T, T, T>(SpanArithmetic.MultiplyAdd),
                    multiply.Inputs[0],
                    multiply.Inputs[1],
                    addend,
                    add.Output);
                steps.Remove(multiply);
                i--;
                break;
            }
        }
    }

    private KernelStep? StepWriting(int register)
    {
        foreach (var step in steps)
        {
            if (step.Output == register)
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>Replaces sin(x) and cos(x) of the same register by one SinCos step (one range reduction for both).</summary>
    private void PairSinCos()
    {
        var sines = steps.Where(s => s is AlignedUnaryStep<double> { Name: nameof(Operation.Sin) } or AlignedUnaryStep<float> { Name: nameof(Operation.Sin) }).ToList();
        foreach (var sine in sines)
        {
            var cosine = steps.FirstOrDefault(s => s.GetType() == sine.GetType() && s.Inputs[0] == sine.Inputs[0]
                && s is AlignedUnaryStep<double> { Name: nameof(Operation.Cos) } or AlignedUnaryStep<float> { Name: nameof(Operation.Cos) });
            if (cosine is null)
            {
                continue;
            }

            var pair = StepLibrary.SinCos(registers[sine.Output], sine.Inputs[0], sine.Output, cosine.Output)!;
            int first = Math.Min(steps.IndexOf(sine), steps.IndexOf(cosine));
            steps.Remove(sine);
            steps.Remove(cosine);
            steps.Insert(first, pair);
        }
    }
}

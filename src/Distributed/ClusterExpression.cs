using SlowSeries.Arrays;

namespace SlowSeries.Distributed;

/// <summary>
/// Evaluates an expression over <c>.npy</c> files on an Orleans cluster, piece by piece: every silo reads only its
/// pieces' slices of the files (which every silo must see at the same paths: one machine, or a shared file system),
/// an element-wise result is written by slices into a <c>.npy</c> file created first, and a reduction of the whole
/// operand comes back as chunk partials combined in piece order (<see cref="ReductionPartials"/>). Pieces start on
/// chunk boundaries fixed by the data alone, so the result has the single-process bits for any cluster size and any
/// failures. Checked before any piece is sent: the files' headers, and the expression on the first elements (a syntax,
/// type or shape error is one exception, and nothing is written).
/// </summary>
public sealed class ClusterExpression(IGrainFactory grains) : ClusterCoordinator(grains)
{
    /// <summary>Chunks of 16,384 elements per piece: 64, about a million elements (8 MB of each float64 file).</summary>
    public int ChunksPerPiece { get; init; } = 64;

    /// <summary>Evaluates <paramref name="expression"/> with <paramref name="files"/> and <paramref name="literals"/> as its variables.</summary>
    /// <param name="expression">A NumExpr expression: element-wise, or sum/prod/min/max of a whole operand.</param>
    /// <param name="files">Variable name → <c>.npy</c> path; all of one shape, C order (or one-dimensional).</param>
    /// <param name="literals">Variable name → a literal as the expression grammar reads it (<c>3</c>, <c>2.5</c>, <c>True</c>).</param>
    /// <param name="output">Where an element-wise result goes (created or replaced); unused for a reduction.</param>
    /// <param name="progress">Told how many elements are done.</param>
    /// <param name="cancellationToken">Stops dispatching; pieces in flight are abandoned.</param>
    /// <returns>The reduction's <see cref="Scalar"/>, or the written file's <see cref="NpyHeader"/>, as <see cref="ClusterResult.Result"/>.</returns>
    /// <exception cref="ExpressionException">The expression does not parse, type-check or fit the inputs' shapes.</exception>
    /// <exception cref="ArgumentException">No file is given, the files differ in shape or order, or an element-wise result has no output.</exception>
    public async Task<ClusterResult> Evaluate(
        string expression,
        IReadOnlyDictionary<string, string> files,
        IReadOnlyDictionary<string, string> literals,
        string? output = null,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(literals);
        var paths = files.ToDictionary(kv => kv.Key, kv => Path.GetFullPath(kv.Value), StringComparer.Ordinal);
        var shape = CheckFiles(expression, paths);
        var fileCopy = new Dictionary<string, string>(paths, StringComparer.Ordinal);
        var literalCopy = new Dictionary<string, string>(literals, StringComparer.Ordinal);
        var compiled = NumExpr.Compile(expression);
        var sampleVariables = new ExpressionPiece(expression, fileCopy, literalCopy, 0, (int)Math.Min(shape.Size, 16), null).ReadVariables();
        var sample = compiled.Evaluate(sampleVariables);
        bool reduction = sample.Rank == 0;
        if (reduction)
        {
            compiled.EvaluatePartials(sampleVariables); // refuses an axis, or a dtype the kernels cannot cut into chunks
        }
        else if (output is null)
        {
            throw new ArgumentException($"'{expression}' gives an array of shape {shape}: on the cluster it is written to a .npy file, so give an output path");
        }

        string? outputPath = reduction ? null : Path.GetFullPath(output!);
        if (outputPath is not null && paths.Values.Contains(outputPath, StringComparer.Ordinal))
        {
            throw new ArgumentException($"the output {outputPath} is also an input: pieces would read what others have already written");
        }

        if (outputPath is not null)
        {
            NpyFile.Create(outputPath, sample.DType, shape);
        }

        long pieceElements = ChunksPerPiece * ReductionPartials.ChunkElements;
        int pieces = checked((int)((shape.Size + pieceElements - 1) / pieceElements));
        long StartOf(int piece) => piece * pieceElements;
        int CountOf(int piece) => (int)Math.Min(pieceElements, shape.Size - StartOf(piece));
        var run = await Dispatch(
            pieces,
            async (piece, key) =>
            {
                var answer = await Grains.GetGrain<IExpressionPieceGrain>(key)
                    .Compute(new ExpressionPiece(expression, fileCopy, literalCopy, StartOf(piece), CountOf(piece), outputPath))
                    .ConfigureAwait(false);
                return (answer, answer.Silo, answer.ComputeSeconds);
            },
            piece => CountOf(piece),
            error => error is ExpressionException or ArgumentException or InvalidDataException,
            progress,
            cancellationToken).ConfigureAwait(false);

        object result = outputPath is not null ? NpyFile.ReadHeader(outputPath)
            : pieces == 0 ? compiled.Evaluate(sampleVariables).GetAt(0)
            : ReductionPartials.Combine([.. run.Values.Select(answer => answer.ToPartials())]);
        return run.ToResult(result);
    }

    /// <summary>The one shape of all the files, which must be C order (or one-dimensional) and of fixed-width dtypes.</summary>
    private static Shape CheckFiles(string expression, IReadOnlyDictionary<string, string> paths)
    {
        if (paths.Count == 0)
        {
            throw new ArgumentException($"'{expression}': the cluster evaluates expressions over .npy files, and none was given");
        }

        var headers = paths.ToDictionary(kv => kv.Key, kv => NpyFile.ReadHeader(kv.Value), StringComparer.Ordinal);
        var shape = headers.Values.First().Shape;
        if (headers.Values.Any(header => !header.Shape.Equals(shape)))
        {
            throw new ExpressionShapeException(expression, "on the cluster every .npy input has one shape (no broadcasting yet): " + string.Join(", ", headers.Select(kv => $"'{kv.Key}' ({paths[kv.Key]}) {kv.Value.Shape}")), -1, 0);
        }

        foreach (var (name, header) in headers)
        {
            if (header.FortranOrder && header.Shape.Rank > 1)
            {
                throw new ArgumentException($"'{name}' ({paths[name]}) is in Fortran order: on the cluster every input is in C order (numpy.ascontiguousarray)");
            }

            if (header.DType == DType.Bytes)
            {
                throw new ArgumentException($"'{name}' ({paths[name]}) holds byte strings, which the cluster does not cut into pieces");
            }
        }

        return shape;
    }
}

using System.CommandLine;
using System.Globalization;
using SlowSeries.Arrays;
using SlowSeries.Language.Binding;
using SlowSeries.Language.Diagnostics;
using SlowSeries.Language.Syntax;

namespace SlowSeries.Samples;

/// <summary>
/// <c>eval "expr" [--expr e]... [--batch file] [--var name=value|name=file.npy]... [--out file.npy]... [--threads N]</c>:
/// loads the variables once, evaluates every expression, prints scalars and a summary of arrays, writes .npy outputs.
/// </summary>
public static class EvalCommand
{
    private const string BatchOutputSeparator = "->";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var expression = new Argument<string?>("expression") { Arity = ArgumentArity.ZeroOrOne, Description = "A NumExpr expression, e.g. \"2*a + 3*b\"." };
        var expressions = new Option<string[]>("--expr", "-e") { Description = "Another expression over the same variables (repeatable).", AllowMultipleArgumentsPerToken = false };
        var batch = new Option<FileInfo?>("--batch") { Description = "A file with one expression per line; 'expr -> out.npy' also writes the result. '#' starts a comment." };
        var variables = new Option<string[]>("--var", "-v") { Description = "name=value (a literal such as 3, 2.5, 1j, True, b'hi') or name=file.npy (repeatable)." };
        var outputs = new Option<string[]>("--out", "-o") { Description = "Write results to .npy files, one per expression in order (repeatable)." };
        var threads = new Option<int?>("--threads", "-t") { Description = "Number of threads (default: all cores, or SLOWSERIES_NUM_THREADS)." };
        var explain = new Option<bool>("--explain") { Description = "Before each result, print how it is computed: engine and vector width, steps with dtypes, shared and hoisted parts, bytes per element." };
        var profile = new Option<bool>("--profile") { Description = "Also time each phase of a first evaluation, caches bypassed: parse, bind, plan, compile, first and second run." };
        var command = new Command("eval", "Evaluate NumExpr expressions on scalars and .npy files.")
        {
            expression, expressions, batch, variables, outputs, threads, explain, profile,
        };
        command.SetAction(result =>
        {
            try
            {
                var jobs = CollectJobs(result.GetValue(expression), result.GetValue(expressions) ?? [], result.GetValue(batch), result.GetValue(outputs) ?? []);
                if (result.GetValue(threads) is { } count)
                {
                    NumExpr.SetNumThreads(count);
                }

                var inputs = LoadVariables(result.GetValue(variables) ?? []);
                foreach (var (text, path) in jobs)
                {
                    if (result.GetValue(explain))
                    {
                        output.Write(NumExpr.Explain(text, inputs));
                    }

                    if (result.GetValue(profile))
                    {
                        output.WriteLine(NumExpr.Profile(text, inputs));
                    }

                    var value = NumExpr.Compile(text).Evaluate(inputs);
                    output.WriteLine(Summarize(text, value));
                    if (path is not null)
                    {
                        NpyFile.Write(path, value);
                        output.WriteLine($"  written to {path}");
                    }
                }

                return 0;
            }
            catch (Exception e) when (e is ExpressionException or ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
            {
                error.WriteLine("error: " + OneLine(e.Message));
                return SamplesCli.UsageError;
            }
            catch (Exception e)
            {
                // A bug of ours, not the user's: still one line and no stack trace, but say so.
                error.WriteLine($"error: internal error ({e.GetType().Name}): {OneLine(e.Message)}; please report it with the command line");
                return SamplesCli.UsageError;
            }
        });
        return command;
    }

    private static List<(string Text, string? Output)> CollectJobs(string? first, string[] more, FileInfo? batch, string[] outputs)
    {
        var texts = new List<(string Text, string? Output)>();
        if (first is not null)
        {
            texts.Add((first, null));
        }

        texts.AddRange(more.Select(e => (e, (string?)null)));
        if (batch is not null)
        {
            foreach (string raw in File.ReadLines(batch.FullName))
            {
                string line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                int arrow = line.LastIndexOf(BatchOutputSeparator, StringComparison.Ordinal);
                texts.Add(arrow < 0 ? (line, null) : (line[..arrow].Trim(), line[(arrow + BatchOutputSeparator.Length)..].Trim()));
            }
        }

        if (texts.Count == 0)
        {
            throw new ArgumentException("no expression given: pass one as an argument, with --expr, or in a --batch file");
        }

        if (outputs.Length > texts.Count)
        {
            throw new ArgumentException($"{outputs.Length} --out files given for {texts.Count} expression(s)");
        }

        for (int i = 0; i < outputs.Length; i++)
        {
            texts[i] = (texts[i].Text, outputs[i]);
        }

        return texts;
    }

    private static Dictionary<string, object?> LoadVariables(string[] assignments)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (string assignment in assignments)
        {
            int equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--var '{assignment}' is not name=value");
            }

            string name = assignment[..equals].Trim();
            string value = assignment[(equals + 1)..].Trim();
            variables[name] = value.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? NpyFile.Read(value) : ParseLiteral(name, value);
        }

        return variables;
    }

    /// <summary>A literal value, read with the expression grammar itself (so <c>-2</c>, <c>1e-3</c>, <c>2j</c>, <c>b'x'</c> work).</summary>
    private static NDArray ParseLiteral(string name, string text)
    {
        try
        {
            return NDArray.FromScalar(Scalar.Parse(text));
        }
        catch (FormatException)
        {
            throw new ArgumentException($"--var {name}={text}: the value must be a literal or a .npy file");
        }
    }

    public static string Summarize(string text, NDArray value)
    {
        if (value.Rank == 0)
        {
            return $"{text} = {value.GetAt(value.Offset)} ({value.DType.Name()})";
        }

        // One streaming pass: a result can have 1e8 elements, so none are collected.
        var preview = new List<string>();
        long count = 0, trues = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        bool anyNaN = false, allNaN = true;
        foreach (long offset in value.Offsets())
        {
            Scalar element = value.GetAt(offset);
            if (count < 6)
            {
                preview.Add(element.ToString());
            }

            count++;
            trues += element.Type == DType.Bool && element.Boolean ? 1 : 0;
            if (element.Type is DType.Int32 or DType.Int64 or DType.Float32 or DType.Float64)
            {
                double real = element.Type.IsInteger() ? element.Integer : element.Real;
                anyNaN |= double.IsNaN(real);
                allNaN &= double.IsNaN(real);
                min = Math.Min(min, real);
                max = double.IsNaN(real) ? max : Math.Max(max, real);
                sum += real;
            }
        }

        string summary = $"{text}: {value.DType.Name()} array of shape {value.Shape} [{string.Join(", ", preview)}{(count > 6 ? ", ..." : "")}]";
        if (value.DType is DType.Int32 or DType.Int64 or DType.Float32 or DType.Float64 && count > 0)
        {
            // As LINQ's Min and Max over the values: NaN is the minimum if present, the maximum only if all are NaN.
            min = anyNaN ? double.NaN : min;
            max = allNaN ? double.NaN : max;
            summary += string.Create(CultureInfo.InvariantCulture, $" min={min:G6} max={max:G6} mean={sum / count:G6}");
        }
        else if (value.DType == DType.Bool)
        {
            summary += $" true={trues} of {count}";
        }

        return summary;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}

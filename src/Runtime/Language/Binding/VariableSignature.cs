using SlowSeries.Arrays;

namespace SlowSeries.Language.Binding;

/// <summary>What the binder needs to know about one input: its name, dtype and shape.</summary>
internal sealed record VariableSignature(string Name, DType Type, Shape Shape);

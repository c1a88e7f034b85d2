using SlowSeries.Language.Types;

namespace SlowSeries.Language.Binding;

/// <summary>What the binder needs to know about one input: its name, dtype and shape.</summary>
public sealed record VariableSignature(string Name, DType Type, Shape Shape);

using SlowSeries.Arrays;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Syntax;

namespace SlowSeries.Language.Binding;

/// <summary>A typed, shaped expression: the IR every evaluator and back-end works from.</summary>
internal abstract record BoundNode(DType Type, Shape Shape, TextSpan Span);

/// <summary>A constant (literal or folded), always rank 0.</summary>
internal sealed record BoundConstant(Scalar Value, TextSpan Span) : BoundNode(Value.Type, Shape.Scalar, Span);

/// <summary>An input array or scalar, by its position in <see cref="BoundExpression.Variables"/>.</summary>
internal sealed record BoundVariable(string Name, int Index, DType Type, Shape Shape, TextSpan Span) : BoundNode(Type, Shape, Span);

/// <summary>An element-wise conversion inserted by the type rules.</summary>
internal sealed record BoundCast(BoundNode Operand, DType Type) : BoundNode(Type, Operand.Shape, Operand.Span);

/// <summary>An element-wise operation; operands broadcast to <see cref="BoundNode.Shape"/>.</summary>
internal sealed record BoundOperation(OperatorInfo Operator, IReadOnlyList<BoundNode> Operands, DType Type, Shape Shape, TextSpan Span)
    : BoundNode(Type, Shape, Span);

/// <summary>A reduction over all elements (<see cref="Axis"/> null) or over one axis; always the outermost node.</summary>
internal sealed record BoundReduction(OperatorInfo Operator, BoundNode Operand, int? Axis, DType Type, Shape Shape, TextSpan Span)
    : BoundNode(Type, Shape, Span);

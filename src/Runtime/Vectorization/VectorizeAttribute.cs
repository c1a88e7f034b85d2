namespace SlowSeries;

/// <summary>
/// Marks a static method of a partial class, written for one element with scalar parameters and result
/// (<c>double</c>, <c>long</c>, <c>int</c>, <c>bool</c>), for which the SlowSeries source generator emits SIMD,
/// multi-threaded versions: element-wise over spans (<c>Name(Operand&lt;T&gt;..., Span&lt;TResult&gt;)</c>), and
/// <c>NameSum</c>/<c>NameProduct</c>/<c>NameMin</c>/<c>NameMax</c> over spans and, when the first parameter is an
/// integer, over an inclusive index range without materialising it.
/// </summary>
/// <remarks>A method the generator cannot translate to vector code gets threaded scalar loops instead, and an Info
/// diagnostic (SLS0100) names the construct that prevented vectorization.</remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class VectorizeAttribute : Attribute;

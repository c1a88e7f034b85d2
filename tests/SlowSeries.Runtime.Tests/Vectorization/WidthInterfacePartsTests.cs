using System.Reflection;
using SlowSeries.Vectorization;

namespace SlowSeries.Runtime.Tests.Vectorization;

/// <summary>
/// The width interfaces stay in small parts. To compile <c>W.Multiply(x, y)</c> in a method generic over the width,
/// .NET searches the members of the interface that declares <c>Multiply</c>, once per call site; our vector functions
/// have hundreds of such calls, and one interface of 98 members made those searches most of the JIT's time (a chain of
/// 60 lane operations: 8.5 ms against it, 1.9 ms against parts of 10 or fewer). A member added to a full part belongs
/// in another part or a new one.
/// </summary>
public class WidthInterfacePartsTests
{
    // The largest part: integer division's nine members with default bodies and the seven private helpers they share.
    private const int MostMethodsInAPart = 16;

    public static TheoryData<Type> Joined => [typeof(IVectorWidth<,,>), typeof(ISingleLanes<,,>)];

    [Theory]
    [MemberData(nameof(Joined))]
    public void TheJoiningInterfaceDeclaresNothingItself(Type joined) =>
        Assert.Empty(joined.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly));

    [Theory]
    [MemberData(nameof(Joined))]
    public void EveryPartIsSmall(Type joined)
    {
        var parts = joined.GetInterfaces();
        Assert.True(parts.Length >= 4, $"{joined.Name} joins {parts.Length} parts");
        Assert.All(parts, part =>
        {
            var methods = part.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly);
            Assert.True(methods.Length is > 0 and <= MostMethodsInAPart, $"{part.Name} declares {methods.Length} methods: {string.Join(", ", methods.Select(m => m.Name))}");
        });
    }
}

using System.Net;

namespace SlowSeries.Distributed.Tests;

/// <summary>Where the coordinator sends a run's pieces: the silo with the fewest in flight, never one that failed.</summary>
public sealed class PiecePlacementTests
{
    private static readonly SiloAddress First = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);
    private static readonly SiloAddress Second = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11113), 1);
    private static readonly SiloAddress Third = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11115), 1);

    [Fact]
    public void PiecesGoToTheSiloWithTheFewestInFlight()
    {
        var placement = new PiecePlacement(null!);
        placement.SetActive([First, Second, Third]);
        var sent = Enumerable.Range(0, 6).Select(_ => placement.Take()).ToList();
        Assert.Equal(2, sent.Count(silo => silo == First));
        Assert.Equal(2, sent.Count(silo => silo == Second));
        Assert.Equal(2, sent.Count(silo => silo == Third));

        // Two of Second's pieces answer: the next two go there, not round the others.
        placement.Release(Second, succeeded: true);
        placement.Release(Second, succeeded: true);
        Assert.Equal(Second, placement.Take());
        Assert.Equal(Second, placement.Take());
        Assert.Contains(placement.Take(), new[] { First, Third });
    }

    [Fact]
    public void ASiloThatFailedAPieceGetsNoMore()
    {
        var placement = new PiecePlacement(null!);
        placement.SetActive([First, Second]);
        var lost = placement.Take();
        placement.Release(lost, succeeded: false);
        var other = lost == First ? Second : First;
        Assert.All(Enumerable.Range(0, 5), _ => Assert.Equal(other, placement.Take()));

        // Once every silo failed, Orleans places the pieces (no hint).
        placement.Release(other, succeeded: false);
        Assert.Null(placement.Take());
    }

    [Fact]
    public void WithoutActiveSilosOrleansPlacesThePieces()
    {
        var placement = new PiecePlacement(null!);
        Assert.Null(placement.Take());
        placement.Release(null, succeeded: false);
    }
}

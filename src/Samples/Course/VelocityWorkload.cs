using SlowSeries.Arrays;

namespace SlowSeries.Samples.Course;

/// <summary>
/// The course's velocity conversion on an nlat × nr × nlon grid (500 × 300 × 800 by default, 120e6 points): spherical
/// velocity components, set from associated Legendre polynomials as in the course, to Cartesian vx, vy, vz. Variants:
/// the naive triple loop, the hoisted loop, a 3×3 matrix per point (question 1), broadcasting expressions vectorised
/// over one, two and three dimensions, and the fused three-output kernel. Checksums agree across variants.
/// </summary>
public sealed class VelocityWorkload : CourseWorkload
{
    private const double Tolerance = 1e-9;

    private static readonly string[] Expressions =
    [
        "-sinlon*vlon - sinlat*coslon*vlat + coslat*coslon*vrad",
        "coslon*vlon - sinlat*sinlon*vlat + coslat*sinlon*vrad",
        "coslat*vlat + sinlat*vrad",
    ];

    private static readonly string[] FusedExpressions =
    [
        "-sin(lon)*vlon - sin(lat)*cos(lon)*vlat + cos(lat)*cos(lon)*vrad",
        "cos(lon)*vlon - sin(lat)*sin(lon)*vlat + cos(lat)*sin(lon)*vrad",
        "cos(lat)*vlat + sin(lat)*vrad",
    ];

    public override string Name => "velocity";

    public override string Title => "spherical → Cartesian velocity on an nlat×nr×nlon grid (N = nlat; nlon = 1.6 N, nr = 0.6 N)";

    public override long DefaultN => 500;

    // 0.5 GB at N = 200, 1.46 GB at N = 300: the grid's inputs and outputs grow with nlat·nr·nlon ≈ 0.96 N³ points.
    public override long PeakBytes(long n) => 56 * n * n * n;

    public override IReadOnlyList<string> Variants => ["naive", "hoisted", "matvec", "broadcast-1d", "broadcast-2d", "broadcast-3d", "fused"];

    public override IEnumerable<Measurement> Run(WorkloadOptions options, TextWriter log)
    {
        var grid = Grid.Create((int)Math.Min(options.N ?? DefaultN, int.MaxValue));
        long points = grid.Points;
        var outputs = new VelocityOutputs(points);
        log.WriteLine($"  grid {grid.Lat} × {grid.R} × {grid.Lon} = {points:N0} points");
        // Times cover the conversion only; each variant's checksum is taken after its timed runs.
        Hoisted(grid, outputs);
        double reference = outputs.Checksum();

        if (Selected(options, "naive"))
        {
            // The naive loop recomputes six sines and cosines per point: run on a grid 8x smaller, scaled up.
            var small = grid.Lat >= 4 ? Grid.Create(grid.Lat / 2) : grid;
            var smallOutputs = new VelocityOutputs(small.Points);
            Hoisted(small, smallOutputs);
            double smallReference = smallOutputs.Checksum();
            smallOutputs.Clear();
            var (seconds, _) = Timing.Once(() => Naive(small, smallOutputs));
            double checksum = smallOutputs.Checksum();
            double scale = (double)points / small.Points;
            yield return new Measurement(Name, "naive", 1, points, seconds * scale, checksum, smallReference, Tolerance, small.Points < points ? $"naive C# baseline on {small.Lat}×{small.R}×{small.Lon}, time ×{scale:G3}" : "naive C# baseline");
        }

        if (Selected(options, "hoisted"))
        {
            outputs.Clear();
            var (median, _) = Timing.Median(options.Repeats, () => Hoisted(grid, outputs));
            double checksum = outputs.Checksum();
            yield return new Measurement(Name, "hoisted", 1, points, median, checksum, reference, Tolerance, "naive C# baseline with sin/cos hoisted out of the inner loops");
        }

        if (Selected(options, "matvec"))
        {
            outputs.Clear();
            var (median, _) = Timing.Median(1, () => MatrixVector(grid, outputs));
            double checksum = outputs.Checksum();
            yield return new Measurement(Name, "matvec", 1, points, median, checksum, reference, Tolerance, "naive C# baseline: a 3×3 rotation matrix per point (course question 1)");
        }

        // One thread count for the expression variants: the most the cores can run at once (more only oversubscribes).
        int threads = options.Threads.Where(t => t <= Environment.ProcessorCount).DefaultIfEmpty(options.Threads.Min()).Max();
        foreach (var (variant, run, note) in new (string, Func<Grid, VelocityOutputs, double>, string)[]
        {
            ("broadcast-1d", BroadcastRows, "run-time expressions per (lat, r) row: 3 outputs × nlat·nr calls"),
            ("broadcast-2d", BroadcastPlanes, "run-time expressions per latitude plane: nlat calls"),
            ("broadcast-3d", BroadcastSeparately, "three run-time expressions over the whole grid (three passes)"),
            ("fused", Fused, "one group evaluation: vx, vy, vz in one pass, sin/cos of lat and lon hoisted"),
        })
        {
            if (Selected(options, variant))
            {
                outputs.Clear();
                var (median, _) = WithThreads(threads, () => Timing.Median(variant == "broadcast-1d" ? 1 : options.Repeats, () => run(grid, outputs)));
                double checksum = outputs.Checksum();
                yield return new Measurement(Name, variant, threads, points, median, checksum, reference, Tolerance, note);
            }
        }
    }

    /// <summary>The course's first version: angles to radians, sines and cosines recomputed for every point.</summary>
    private static double Naive(Grid g, VelocityOutputs o)
    {
        for (int i = 0; i < g.Lat; i++)
        {
            for (int j = 0; j < g.R; j++)
            {
                for (int k = 0; k < g.Lon; k++)
                {
                    long p = g.Index(i, j, k);
                    double lat = g.Latitude[i] * Math.PI / 180, lon = g.Longitude[k] * Math.PI / 180;
                    o.X[p] = (-Math.Sin(lon) * g.VLon[p]) - (Math.Sin(lat) * Math.Cos(lon) * g.VLat[p]) + (Math.Cos(lat) * Math.Cos(lon) * g.VRad[p]);
                    o.Y[p] = (Math.Cos(lon) * g.VLon[p]) - (Math.Sin(lat) * Math.Sin(lon) * g.VLat[p]) + (Math.Cos(lat) * Math.Sin(lon) * g.VRad[p]);
                    o.Z[p] = (Math.Cos(lat) * g.VLat[p]) + (Math.Sin(lat) * g.VRad[p]);
                }
            }
        }

        return 0;
    }

    private static double Hoisted(Grid g, VelocityOutputs o)
    {
        for (int i = 0; i < g.Lat; i++)
        {
            double sinLat = g.SinLat[i], cosLat = g.CosLat[i];
            for (int j = 0; j < g.R; j++)
            {
                for (int k = 0; k < g.Lon; k++)
                {
                    long p = g.Index(i, j, k);
                    double sinLon = g.SinLon[k], cosLon = g.CosLon[k];
                    o.X[p] = (-sinLon * g.VLon[p]) - (sinLat * cosLon * g.VLat[p]) + (cosLat * cosLon * g.VRad[p]);
                    o.Y[p] = (cosLon * g.VLon[p]) - (sinLat * sinLon * g.VLat[p]) + (cosLat * sinLon * g.VRad[p]);
                    o.Z[p] = (cosLat * g.VLat[p]) + (sinLat * g.VRad[p]);
                }
            }
        }

        return 0;
    }

    private static double MatrixVector(Grid g, VelocityOutputs o)
    {
        Span<double> rotation = stackalloc double[9];
        for (int i = 0; i < g.Lat; i++)
        {
            for (int k = 0; k < g.Lon; k++)
            {
                double sinLat = g.SinLat[i], cosLat = g.CosLat[i], sinLon = g.SinLon[k], cosLon = g.CosLon[k];
                rotation[0] = -sinLon; rotation[1] = -sinLat * cosLon; rotation[2] = cosLat * cosLon;
                rotation[3] = cosLon; rotation[4] = -sinLat * sinLon; rotation[5] = cosLat * sinLon;
                rotation[6] = 0; rotation[7] = cosLat; rotation[8] = sinLat;
                for (int j = 0; j < g.R; j++)
                {
                    long p = g.Index(i, j, k);
                    double u = g.VLon[p], v = g.VLat[p], w = g.VRad[p];
                    o.X[p] = (rotation[0] * u) + (rotation[1] * v) + (rotation[2] * w);
                    o.Y[p] = (rotation[3] * u) + (rotation[4] * v) + (rotation[5] * w);
                    o.Z[p] = (rotation[6] * u) + (rotation[7] * v) + (rotation[8] * w);
                }
            }
        }

        return 0;
    }

    private static double BroadcastRows(Grid g, VelocityOutputs o)
    {
        var row = new Shape(g.Lon);
        long[] unit = [1];
        for (int i = 0; i < g.Lat; i++)
        {
            for (int j = 0; j < g.R; j++)
            {
                long offset = g.Index(i, j, 0);
                var variables = new Dictionary<string, object?>
                {
                    ["sinlat"] = g.SinLat[i],
                    ["coslat"] = g.CosLat[i],
                    ["sinlon"] = g.SinLon,
                    ["coslon"] = g.CosLon,
                    ["vlat"] = NDArray.Strided(g.VLat, row, unit, offset),
                    ["vlon"] = NDArray.Strided(g.VLon, row, unit, offset),
                    ["vrad"] = NDArray.Strided(g.VRad, row, unit, offset),
                };
                NumExpr.Evaluate(Expressions, variables, [NDArray.Strided(o.X, row, unit, offset), NDArray.Strided(o.Y, row, unit, offset), NDArray.Strided(o.Z, row, unit, offset)]);
            }
        }

        return 0;
    }

    private static double BroadcastPlanes(Grid g, VelocityOutputs o)
    {
        var plane = new Shape(g.R, g.Lon);
        long[] strides = [g.Lon, 1];
        for (int i = 0; i < g.Lat; i++)
        {
            long offset = g.Index(i, 0, 0);
            var variables = new Dictionary<string, object?>
            {
                ["sinlat"] = g.SinLat[i],
                ["coslat"] = g.CosLat[i],
                ["sinlon"] = g.SinLon,
                ["coslon"] = g.CosLon,
                ["vlat"] = NDArray.Strided(g.VLat, plane, strides, offset),
                ["vlon"] = NDArray.Strided(g.VLon, plane, strides, offset),
                ["vrad"] = NDArray.Strided(g.VRad, plane, strides, offset),
            };
            NumExpr.Evaluate(Expressions, variables, [NDArray.Strided(o.X, plane, strides, offset), NDArray.Strided(o.Y, plane, strides, offset), NDArray.Strided(o.Z, plane, strides, offset)]);
        }

        return 0;
    }

    private static double BroadcastSeparately(Grid g, VelocityOutputs o)
    {
        var variables = g.WholeGrid(precomputed: true);
        var outs = o.Views(g);
        for (int c = 0; c < 3; c++)
        {
            NumExpr.Evaluate(Expressions[c], variables, outs[c]);
        }

        return 0;
    }

    private static double Fused(Grid g, VelocityOutputs o)
    {
        NumExpr.Evaluate(FusedExpressions, g.WholeGrid(precomputed: false), o.Views(g));
        return 0;
    }

    /// <summary>The course's grid and spherical components (lpmv(0, n, x) is the Legendre polynomial Pₙ(x)).</summary>
    private sealed class Grid
    {
        private Grid(int lat, int r, int lon)
        {
            (Lat, R, Lon) = (lat, r, lon);
            Latitude = Linspace(-90, 90, lat);
            Longitude = Linspace(0, 360, lon);
            double[] radius = Linspace(3485, 6371, r);
            SinLat = Latitude.Select(d => Math.Sin(d * Math.PI / 180)).ToArray();
            CosLat = Latitude.Select(d => Math.Cos(d * Math.PI / 180)).ToArray();
            SinLon = Longitude.Select(d => Math.Sin(d * Math.PI / 180)).ToArray();
            CosLon = Longitude.Select(d => Math.Cos(d * Math.PI / 180)).ToArray();
            VLat = new double[Points];
            VLon = new double[Points];
            VRad = new double[Points];
            for (int i = 0; i < lat; i++)
            {
                double a = P3(Latitude[i] / 90);
                for (int j = 0; j < r; j++)
                {
                    double c = P3((radius[j] - 4928) / 1443);
                    for (int k = 0; k < lon; k++)
                    {
                        long p = Index(i, j, k);
                        VLat[p] = a;
                        VLon[p] = P2((Longitude[k] / 180) - 1);
                        VRad[p] = c;
                    }
                }
            }
        }

        public int Lat { get; }

        public int R { get; }

        public int Lon { get; }

        public long Points => (long)Lat * R * Lon;

        public double[] Latitude { get; }

        public double[] Longitude { get; }

        public double[] SinLat { get; }

        public double[] CosLat { get; }

        public double[] SinLon { get; }

        public double[] CosLon { get; }

        public double[] VLat { get; }

        public double[] VLon { get; }

        public double[] VRad { get; }

        public static Grid Create(int nlat)
        {
            int lat = Math.Max(1, nlat), r = Math.Max(1, (int)(nlat * 0.6)), lon = Math.Max(1, (int)(nlat * 1.6));
            long points = (long)lat * r * lon;
            return points <= Array.MaxLength
                ? new(lat, r, lon)
                : throw new ArgumentOutOfRangeException(nameof(nlat), $"N = {nlat} makes a {lat}×{r}×{lon} grid ({points:G3} points); one array holds at most {Array.MaxLength:N0} (N ≤ 1,500)");
        }

        public long Index(int i, int j, int k) => (((long)i * R) + j) * Lon + k;

        /// <summary>The grid's variables for whole-grid expressions: lat as (nlat, 1, 1), lon as (nlon,), fields as 3-d.</summary>
        public Dictionary<string, object?> WholeGrid(bool precomputed)
        {
            var shape = new[] { Lat, R, Lon };
            var variables = new Dictionary<string, object?>
            {
                ["vlat"] = NDArray.Wrap(VLat, shape),
                ["vlon"] = NDArray.Wrap(VLon, shape),
                ["vrad"] = NDArray.Wrap(VRad, shape),
            };
            if (precomputed)
            {
                variables["sinlat"] = NDArray.Wrap(SinLat, Lat, 1, 1);
                variables["coslat"] = NDArray.Wrap(CosLat, Lat, 1, 1);
                variables["sinlon"] = SinLon;
                variables["coslon"] = CosLon;
            }
            else
            {
                variables["lat"] = NDArray.Wrap(Latitude.Select(d => d * Math.PI / 180).ToArray(), Lat, 1, 1);
                variables["lon"] = Longitude.Select(d => d * Math.PI / 180).ToArray();
            }

            return variables;
        }

        private static double P2(double x) => 0.5 * ((3 * x * x) - 1);

        private static double P3(double x) => 0.5 * ((5 * x * x * x) - (3 * x));

        private static double[] Linspace(double start, double stop, int count) =>
            count == 1 ? [start] : Enumerable.Range(0, count).Select(i => start + ((stop - start) * i / (count - 1))).ToArray();
    }

    private sealed class VelocityOutputs(long points)
    {
        public double[] X { get; } = new double[points];

        public double[] Y { get; } = new double[points];

        public double[] Z { get; } = new double[points];

        public NDArray?[] Views(Grid g) => [NDArray.Wrap(X, g.Lat, g.R, g.Lon), NDArray.Wrap(Y, g.Lat, g.R, g.Lon), NDArray.Wrap(Z, g.Lat, g.R, g.Lon)];

        /// <summary>Zeroes the outputs, so a variant that writes nothing cannot pass on an earlier variant's results.</summary>
        public void Clear()
        {
            Array.Clear(X);
            Array.Clear(Y);
            Array.Clear(Z);
        }

        public double Checksum()
        {
            double total = 0;
            for (long p = 0; p < X.LongLength; p++)
            {
                total += X[p] + (2 * Y[p]) + (3 * Z[p]);
            }

            return total;
        }
    }
}

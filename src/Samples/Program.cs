using System.CommandLine;
using SlowSeries.Samples;

return SamplesCli.Run(args, Console.Out, Console.Error);

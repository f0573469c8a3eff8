using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/DecentCloud.Icp.Benchmarks -- --filter '*'` (scripts/bench-candid.sh runs it beside the node reference).
BenchmarkSwitcher.FromAssembly(typeof(DecentCloud.Icp.Benchmarks.CandidBenchmarks).Assembly).Run(args);

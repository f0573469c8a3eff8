using BenchmarkDotNet.Running;
using DecentCloud.Icp.Benchmarks;

// `dotnet run -c Release --project bench/DecentCloud.Icp.Benchmarks -- --filter '*'`; scripts/bench-candid.sh and
// scripts/bench-certificate.sh run it beside the node references. `--bls-inputs` prints the certificate's BLS
// checks for bench/bls-bench.mjs.
if (args is ["--bls-inputs"])
{
    Console.WriteLine(CertificateInputs.ToJson());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CandidBenchmarks).Assembly).Run(args);

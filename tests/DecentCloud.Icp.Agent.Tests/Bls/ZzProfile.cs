using System.Diagnostics;
using DecentCloud.Icp.Agent.Bls;
namespace DecentCloud.Icp.Agent.Tests.Bls;
public class ZzProfile(ITestOutputHelper output)
{
    [Fact]
    public void Profile()
    {
        var a = Fp.FromBigInteger(12345678901234567); var b = Fp.FromBigInteger(98765432123456789);
        void T(string name, int n, Action act) { act(); var sw = Stopwatch.StartNew(); for (var i = 0; i < n; i++) act(); output.WriteLine($"{name}: {sw.Elapsed.TotalMilliseconds * 1e6 / n:F0} ns"); }
        T("Fp.Mul", 1_000_000, () => a = Fp.Mul(a, b));
        T("Fp.Add", 1_000_000, () => a = Fp.Add(a, b));
        var x = new Fp2(a, b); var y = new Fp2(b, a);
        T("Fp2.Mul", 300_000, () => x = Fp2.Mul(x, y));
        var f = new Fp12(new Fp6(x, y, x), new Fp6(y, x, y)); var g = f;
        T("Fp12.Mul", 30_000, () => f = Fp12.Mul(f, g));
        T("Fp12.Square", 30_000, () => f = Fp12.Square(f));
        T("Fp.Inverse", 1000, () => a = Fp.Inverse(a));
        var msg = new byte[45];
        T("HashToG1", 50, () => HashToG1.Hash(msg, "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_"u8));
        var sig = G1.Compress(G1.Generator.Multiply(12345));
        T("G1.Decompress", 50, () => G1.Decompress(sig));
        T("MillerLoop2", 50, () => Pairing.MillerLoop([(G1.Generator, G2.Generator), (G1.Generator, G2.Generator)]));
        var m = Pairing.MillerLoop([(G1.Generator, G2.Generator)]);
        T("FinalExp", 50, () => Pairing.FinalExponentiation(m));
    }
}

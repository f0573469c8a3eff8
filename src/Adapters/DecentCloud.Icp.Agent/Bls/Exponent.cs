using System.Numerics;

namespace DecentCloud.Icp.Agent.Bls;

/// <summary>
/// A non-negative exponent prepared for fixed-window (4-bit) exponentiation: its nibbles are computed once, so
/// the square roots and inversions that use fixed exponents do 381 squarings and at most 96 multiplications
/// with no big-integer work per bit.
/// </summary>
internal sealed class Exponent
{
    private readonly byte[] nibbles;

    public Exponent(BigInteger value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value.Sign);
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        nibbles = new byte[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            nibbles[2 * i] = (byte)(bytes[i] >> 4);
            nibbles[(2 * i) + 1] = (byte)(bytes[i] & 0xf);
        }
    }

    public T Raise<T>(in T a)
        where T : struct, IField<T>
    {
        var table = new T[16];
        table[0] = T.One;
        for (var i = 1; i < 16; i++)
        {
            table[i] = T.Mul(table[i - 1], a);
        }

        var result = T.One;
        foreach (var nibble in nibbles)
        {
            result = T.Square(T.Square(T.Square(T.Square(result))));
            if (nibble != 0)
            {
                result = T.Mul(result, table[nibble]);
            }
        }

        return result;
    }
}

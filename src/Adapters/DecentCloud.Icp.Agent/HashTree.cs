using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;

namespace DecentCloud.Icp.Agent;

/// <summary>Where a path lookup in a hash tree ended (the IC interface specification's lookup semantics).</summary>
public enum LookupStatus
{
    /// <summary>The path leads to a leaf; <see cref="LookupResult.Value"/> holds it.</summary>
    Found,
    /// <summary>The tree proves the path does not exist.</summary>
    Absent,
    /// <summary>The tree was pruned where the path would be: neither presence nor absence is proven.</summary>
    Unknown,
    /// <summary>The path leads to something that is not a leaf.</summary>
    Error,
}

/// <summary>The outcome of a hash tree lookup.</summary>
public sealed record LookupResult(LookupStatus Status, byte[]? Value = null);

/// <summary>
/// A certified hash tree: Empty, Fork, Labeled, Leaf, Pruned. Its root digest uses domain-separated
/// SHA-256 (<c>ic-hashtree-empty|fork|labeled|leaf</c>).
/// </summary>
public abstract class HashTree
{
    private const int MaxDepth = 256;

    /// <summary>The root digest.</summary>
    public abstract byte[] Digest();

    /// <summary>Looks up a path of labels.</summary>
    public LookupResult Lookup(params IReadOnlyList<byte[]> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        HashTree tree = this;
        foreach (var label in path)
        {
            var (status, subtree) = FindLabel(label, tree);
            if (status != LookupStatus.Found)
            {
                return new LookupResult(status);
            }

            tree = subtree!;
        }

        return tree switch
        {
            LeafNode leaf => new LookupResult(LookupStatus.Found, leaf.Value),
            EmptyNode => new LookupResult(LookupStatus.Absent),
            PrunedNode => new LookupResult(LookupStatus.Unknown),
            _ => new LookupResult(LookupStatus.Error),
        };
    }

    /// <summary>Looks up a path of text labels.</summary>
    public LookupResult Lookup(params string[] path) => Lookup(path.Select(Encoding.UTF8.GetBytes).ToArray());

    /// <summary>The labelled children directly below this node (forks flattened), in order.</summary>
    public IReadOnlyList<(byte[] Label, HashTree Tree)> Children(params IReadOnlyList<byte[]> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        HashTree tree = this;
        foreach (var label in path)
        {
            var (status, subtree) = FindLabel(label, tree);
            if (status != LookupStatus.Found)
            {
                return [];
            }

            tree = subtree!;
        }

        return Flatten(tree).OfType<LabeledNode>().Select(l => (l.Label, l.Tree)).ToList();
    }

    /// <summary>Reads a tree from its CBOR form (nested arrays <c>[0]</c>, <c>[1,l,r]</c>, <c>[2,label,t]</c>, <c>[3,value]</c>, <c>[4,digest]</c>).</summary>
    public static HashTree Parse(ReadOnlyMemory<byte> cbor)
    {
        var reader = new CborReader(cbor, CborConformanceMode.Lax);
        if (reader.PeekState() == CborReaderState.Tag && reader.PeekTag() == (CborTag)55799)
        {
            reader.ReadTag();
        }

        var tree = Read(reader, 0);
        return reader.BytesRemaining == 0 ? tree : throw new CertificateException("bytes after the hash tree");
    }

    internal static HashTree Read(CborReader reader, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new CertificateException("hash tree nests too deeply");
        }

        try
        {
            var length = reader.ReadStartArray();
            var kind = reader.ReadInt32();
            HashTree node = (kind, length) switch
            {
                (0, 1) => new EmptyNode(),
                (1, 3) => new ForkNode(Read(reader, depth + 1), Read(reader, depth + 1)),
                (2, 3) => new LabeledNode(reader.ReadByteString(), Read(reader, depth + 1)),
                (3, 2) => new LeafNode(reader.ReadByteString()),
                (4, 2) => Pruned(reader.ReadByteString()),
                _ => throw new CertificateException($"hash tree node [{kind}, …] with {length} items is not a node"),
            };
            reader.ReadEndArray();
            return node;
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new CertificateException($"malformed hash tree: {ex.Message}", ex);
        }
    }

    private static PrunedNode Pruned(byte[] digest) =>
        digest.Length == 32 ? new PrunedNode(digest) : throw new CertificateException("a pruned digest must be 32 bytes");

    private static (LookupStatus Status, HashTree? Tree) FindLabel(byte[] label, HashTree tree)
    {
        var sawPruned = false;
        foreach (var node in Flatten(tree))
        {
            switch (node)
            {
                case LabeledNode labeled:
                    var order = labeled.Label.AsSpan().SequenceCompareTo(label);
                    if (order == 0)
                    {
                        return (LookupStatus.Found, labeled.Tree);
                    }

                    if (order > 0)
                    {
                        // Labels are sorted: a larger one means ours is not here — unless a pruned part before it could hold it.
                        return (sawPruned ? LookupStatus.Unknown : LookupStatus.Absent, null);
                    }

                    sawPruned = false;
                    break;
                case PrunedNode:
                    sawPruned = true;
                    break;
                case LeafNode:
                    return (LookupStatus.Error, null);
            }
        }

        return (sawPruned ? LookupStatus.Unknown : LookupStatus.Absent, null);
    }

    private static IEnumerable<HashTree> Flatten(HashTree tree)
    {
        var stack = new Stack<HashTree>();
        stack.Push(tree);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is ForkNode fork)
            {
                stack.Push(fork.Right);
                stack.Push(fork.Left);
            }
            else if (node is not EmptyNode)
            {
                yield return node;
            }
        }
    }

    private static byte[] Hash(string domain, params ReadOnlySpan<byte[]> parts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([(byte)domain.Length]);
        sha.AppendData(Encoding.ASCII.GetBytes(domain));
        foreach (var part in parts)
        {
            sha.AppendData(part);
        }

        return sha.GetHashAndReset();
    }

    private sealed class EmptyNode : HashTree
    {
        public override byte[] Digest() => Hash("ic-hashtree-empty");
    }

    private sealed class ForkNode(HashTree left, HashTree right) : HashTree
    {
        public HashTree Left { get; } = left;

        public HashTree Right { get; } = right;

        public override byte[] Digest() => Hash("ic-hashtree-fork", Left.Digest(), Right.Digest());
    }

    private sealed class LabeledNode(byte[] label, HashTree tree) : HashTree
    {
        public byte[] Label { get; } = label;

        public HashTree Tree { get; } = tree;

        public override byte[] Digest() => Hash("ic-hashtree-labeled", Label, Tree.Digest());
    }

    private sealed class LeafNode(byte[] value) : HashTree
    {
        public byte[] Value { get; } = value;

        public override byte[] Digest() => Hash("ic-hashtree-leaf", Value);
    }

    private sealed class PrunedNode(byte[] digest) : HashTree
    {
        public override byte[] Digest() => digest;
    }
}

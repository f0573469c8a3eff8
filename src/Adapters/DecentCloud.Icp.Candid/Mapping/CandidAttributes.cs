namespace DecentCloud.Icp.Candid.Mapping;

/// <summary>The Candid name of a property (record field) or of a variant case class / enum member.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class | AttributeTargets.Field, AllowMultiple = false)]
public sealed class CandidNameAttribute(string name) : Attribute
{
    /// <summary>The name on the wire (its hash is the field id).</summary>
    public string Name { get; } = name;
}

/// <summary>Maps a <see cref="System.Numerics.BigInteger"/> property to <c>int</c> instead of the default <c>nat</c>.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class CandidIntAttribute : Attribute;

/// <summary>
/// Marks an abstract class as a Candid variant: every sealed class nested in it and deriving from it is
/// one case — without properties its payload is <c>null</c>, with a single <c>Value</c> property that value,
/// otherwise the record of its properties.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class CandidVariantAttribute : Attribute;

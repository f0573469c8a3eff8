using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

/// <summary>The optimistic-concurrency row version shared by the aggregates that are updated in place.</summary>
internal static class Versioning
{
    public const string Property = "Version";

    public static void Versioned<T>(this EntityTypeBuilder<T> entity)
        where T : class =>
        entity.Property<long>(Property).IsConcurrencyToken();
}

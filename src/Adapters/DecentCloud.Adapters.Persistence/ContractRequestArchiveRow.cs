namespace DecentCloud.Adapters.Persistence;

/// <summary>One archived contract request: the figures of a request that ended without a payment or a machine.</summary>
internal sealed class ContractRequestArchiveRow
{
    public required string ContractId { get; init; }

    public required Guid RequesterAccountId { get; init; }

    public required string ProviderId { get; init; }

    public required string Pool { get; init; }

    public required string OfferingId { get; init; }

    public required string FinalState { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset EndedAt { get; init; }

    public required DateTimeOffset ArchivedAt { get; init; }

    public string? RequestedFrom { get; init; }

    public required string History { get; init; }

    // What scoring reads (ContractOutcome), so an archived request scores as it did while live.
    public DateTimeOffset? ProviderRespondedAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public long? TermSeconds { get; init; }

    public long? PriceNanoUsd { get; init; }

    public Guid? RentalOfferingId { get; init; }
}

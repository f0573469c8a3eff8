using System.Globalization;
using System.Numerics;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Gateways;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DecentCloud.Adapters.Persistence.Configurations;

/// <summary>Ticks since year 1 in UTC: ordered and comparable the same way in SQLite and PostgreSQL.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));

internal sealed class DcIdConverter() : ValueConverter<DcId, string>(v => v.Value, v => DcId.Create(v).Value);

internal sealed class ProviderIdConverter() : ValueConverter<ProviderId, string>(v => v.Value, v => ProviderId.Create(v).Value);

internal sealed class AgentPublicKeyConverter() : ValueConverter<AgentPublicKey, string>(v => v.Hex, v => AgentPublicKey.FromHex(v).Value);

internal sealed class ContractIdConverter() : ValueConverter<ContractId, string>(v => v.Hex, v => ContractId.FromHex(v).Value);

internal sealed class ContractStateConverter() : ValueConverter<ContractState, string>(v => v.ToWireName(), v => ContractStates.FromWireName(v)!.Value);

internal sealed class VmSlugConverter() : ValueConverter<VmSlug, string>(v => v.Value, v => VmSlug.Create(v).Value);

/// <summary>A 128-bit amount as decimal digits: exact on SQLite, which has no wide integer type.</summary>
internal sealed class BigIntegerTextConverter() : ValueConverter<BigInteger, string>(
    v => v.ToString(CultureInfo.InvariantCulture),
    v => BigInteger.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture));

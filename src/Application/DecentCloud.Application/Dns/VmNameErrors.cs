namespace DecentCloud.Application.Dns;

/// <summary>Problem codes of the per-VM names.</summary>
public static class VmNameErrors
{
    /// <summary>The name's contract is before acceptance or has ended: it may not own a name.</summary>
    public const string ContractNotLive = "contract_not_live";

    /// <summary>A provisioned report names a gateway name the API does not hold for the contract.</summary>
    public const string UnknownGatewayName = "unknown_gateway_name";

    /// <summary>The dc_id is not registered to the caller's provider.</summary>
    public const string DcIdNotOwned = "dc_id_not_owned";
}

using Refit;

namespace DecentCloud.Api.Client;

/// <summary>The routes a user's device calls, each signed with the device key (<c>X-Public-Key</c>).</summary>
public interface IAccountApi
{
    /// <summary>Registers an account whose first device is the signing key.</summary>
    [Post("/api/v1/accounts")]
    Task<AccountDetails> RegisterAccountAsync([Body] AccountRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>Adds a device key to the signer's account.</summary>
    [Post("/api/v1/accounts/me/devices")]
    Task<AccountDetails> AddDeviceAsync([Body] DeviceRegistration device, CancellationToken cancellationToken = default);

    /// <summary>Revokes one of the account's device keys (not the last one).</summary>
    [Delete("/api/v1/accounts/me/devices/{deviceKey}")]
    Task<AccountDetails> RevokeDeviceAsync(string deviceKey, CancellationToken cancellationToken = default);

    /// <summary>Where the signer hears from the platform: an address per channel and its verification state.</summary>
    [Get("/api/v1/accounts/me/notification-settings")]
    Task<NotificationSettingsDetails> GetNotificationSettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets a channel's address (<c>email</c>, <c>telegram</c>, <c>sms</c>); a new address is sent a verification code.</summary>
    [Put("/api/v1/accounts/me/notification-settings/{channel}")]
    Task<NotificationSettingsDetails> SetNotificationAddressAsync(string channel, [Body] ChannelAddressUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Removes a channel's address.</summary>
    [Delete("/api/v1/accounts/me/notification-settings/{channel}")]
    Task<NotificationSettingsDetails> RemoveNotificationAddressAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>Sends a new verification code to the channel's unverified address.</summary>
    [Post("/api/v1/accounts/me/notification-settings/{channel}/code")]
    Task<NotificationSettingsDetails> ResendVerificationCodeAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>Confirms the channel's address with the code sent there.</summary>
    [Post("/api/v1/accounts/me/notification-settings/{channel}/verify")]
    Task<NotificationSettingsDetails> VerifyNotificationAddressAsync(string channel, [Body] AddressVerificationCode code, CancellationToken cancellationToken = default);

    /// <summary>The in-app inbox, newest first, with the unread count.</summary>
    [Get("/api/v1/accounts/me/notifications")]
    Task<InboxDetails> ListNotificationsAsync(bool? unread = null, int? offset = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>Marks an in-app notification read.</summary>
    [Post("/api/v1/accounts/me/notifications/{notificationId}/read")]
    Task<InboxUnread> MarkNotificationReadAsync(Guid notificationId, CancellationToken cancellationToken = default);

    /// <summary>Per channel, today's free use and the paid packs' use against their limits; the packs on sale.</summary>
    [Get("/api/v1/accounts/me/notification-usage")]
    Task<NotificationUsageDetails> GetNotificationUsageAsync(CancellationToken cancellationToken = default);

    /// <summary>Buys a paid monthly pack of messages from the wallet.</summary>
    [Post("/api/v1/accounts/me/notification-packs")]
    Task<NotificationPackDetails> BuyNotificationPackAsync([Body] NotificationPackPurchase purchase, CancellationToken cancellationToken = default);

    /// <summary>Requests a machine; the contract starts as <c>requested</c>.</summary>
    [Post("/api/v1/contracts")]
    Task<ContractDetails> RequestContractAsync([Body] ContractRequest request, CancellationToken cancellationToken = default);

    /// <summary>Rents an offering, paid from the wallet into the contract's escrow; the platform prices it.</summary>
    [Post("/api/v1/rentals")]
    Task<ContractDetails> RentAsync([Body] RentalRequest request, CancellationToken cancellationToken = default);

    /// <summary>The signer's prepaid USD balance and its last movements (newest first, at most <paramref name="limit"/>).</summary>
    [Get("/api/v1/wallet")]
    Task<WalletDetails> GetWalletAsync(int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>Starts a card top-up: a Stripe Checkout Session to pay on; the wallet is credited when Stripe confirms it.</summary>
    [Post("/api/v1/wallet/topups/stripe")]
    Task<StripeTopUpStarted> StartStripeTopUpAsync([Body] StripeTopUpRequest request, CancellationToken cancellationToken = default);

    /// <summary>The contract: state, machine, sealed credentials, reset outcome, history.</summary>
    [Get("/api/v1/contracts/{contractId}")]
    Task<ContractDetails> GetContractAsync(string contractId, CancellationToken cancellationToken = default);

    /// <summary>Cancels the contract; the agent then removes its machine.</summary>
    [Post("/api/v1/contracts/{contractId}/cancel")]
    Task<ContractDetails> CancelContractAsync(string contractId, [Body] ContractCancellation cancellation, CancellationToken cancellationToken = default);

    /// <summary>Asks the provider's agent for a new VM password (idempotent); the outcome appears on the contract.</summary>
    [Post("/api/v1/contracts/{contractId}/reset-password")]
    Task RequestPasswordResetAsync(string contractId, CancellationToken cancellationToken = default);

    /// <summary>The latest health checks of the contract's machine.</summary>
    [Get("/api/v1/contracts/{contractId}/health")]
    Task<IReadOnlyList<HealthReport>> ListHealthReportsAsync(string contractId, CancellationToken cancellationToken = default);

    /// <summary>The signer's provider profile.</summary>
    [Get("/api/v1/providers/me/profile")]
    Task<ProviderProfileDetails> GetProviderProfileAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the signer's provider profile.</summary>
    [Put("/api/v1/providers/me/profile")]
    Task<ProviderProfileDetails> SetProviderProfileAsync([Body] ProviderProfileUpdate profile, CancellationToken cancellationToken = default);

    /// <summary>The signer's offerings in every state, newest first.</summary>
    [Get("/api/v1/providers/me/offerings")]
    Task<IReadOnlyList<OfferingDetails>> ListOwnOfferingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Publishes an offering in one of the signer's pools; it is active at once.</summary>
    [Post("/api/v1/providers/me/offerings")]
    Task<OfferingDetails> PublishOfferingAsync([Body] OfferingDraft offering, CancellationToken cancellationToken = default);

    /// <summary>Replaces the fields of one of the signer's offerings (fixed ones stay fixed while contracts hold it).</summary>
    [Put("/api/v1/providers/me/offerings/{offeringId}")]
    Task<OfferingDetails> EditOfferingAsync(Guid offeringId, [Body] OfferingDraft offering, CancellationToken cancellationToken = default);

    /// <summary>Hides an active offering from search and new rentals.</summary>
    [Post("/api/v1/providers/me/offerings/{offeringId}/pause")]
    Task<OfferingDetails> PauseOfferingAsync(Guid offeringId, CancellationToken cancellationToken = default);

    /// <summary>Lists a paused offering again.</summary>
    [Post("/api/v1/providers/me/offerings/{offeringId}/resume")]
    Task<OfferingDetails> ResumeOfferingAsync(Guid offeringId, CancellationToken cancellationToken = default);

    /// <summary>Retires an offering for good.</summary>
    [Post("/api/v1/providers/me/offerings/{offeringId}/retire")]
    Task<OfferingDetails> RetireOfferingAsync(Guid offeringId, CancellationToken cancellationToken = default);

    /// <summary>Creates a pool of the signer's (needs a provider profile).</summary>
    [Post("/api/v1/providers/me/pools")]
    Task<PoolDetails> CreatePoolAsync([Body] PoolCreation pool, CancellationToken cancellationToken = default);

    /// <summary>The signer's pools.</summary>
    [Get("/api/v1/providers/me/pools")]
    Task<IReadOnlyList<PoolDetails>> ListPoolsAsync(CancellationToken cancellationToken = default);

    /// <summary>Issues a one-time setup token for one of the signer's pools; the secret is in this answer only.</summary>
    [Post("/api/v1/providers/me/setup-tokens")]
    Task<SetupTokenCreated> CreateSetupTokenAsync([Body] SetupTokenRequest request, CancellationToken cancellationToken = default);

    /// <summary>The setup tokens of the signer's pools, without secrets.</summary>
    [Get("/api/v1/providers/me/setup-tokens")]
    Task<IReadOnlyList<SetupTokenDetails>> ListSetupTokensAsync(CancellationToken cancellationToken = default);

    /// <summary>Revokes an unused setup token of the signer's.</summary>
    [Delete("/api/v1/providers/me/setup-tokens/{tokenId}")]
    Task RevokeSetupTokenAsync(Guid tokenId, CancellationToken cancellationToken = default);

    /// <summary>The signer's agent delegations, revoked ones included.</summary>
    [Get("/api/v1/providers/me/agents")]
    Task<IReadOnlyList<AgentDelegationDetails>> ListAgentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Labels one of the signer's agents; an empty label removes it.</summary>
    [Put("/api/v1/providers/me/agents/{agentKey}/label")]
    Task LabelAgentAsync(string agentKey, [Body] AgentLabel label, CancellationToken cancellationToken = default);

    /// <summary>Revokes one of the signer's agents: its signed requests are refused from then on.</summary>
    [Post("/api/v1/providers/me/agents/{agentKey}/revoke")]
    Task RevokeAgentAsync(string agentKey, CancellationToken cancellationToken = default);

    /// <summary>The signer's contracts as provider, newest first, optionally in one state.</summary>
    [Get("/api/v1/providers/me/contracts")]
    Task<ProviderContractPage> ListProviderContractsAsync(string? state = null, int? offset = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>What the signer has earned as provider: pending, released, paid and fee totals, and a page of its rentals.</summary>
    [Get("/api/v1/providers/me/earnings")]
    Task<ProviderEarnings> GetEarningsAsync(int? offset = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>Accepts a requested or pending contract of the signer's.</summary>
    [Post("/api/v1/providers/me/contracts/{contractId}/accept")]
    Task<ProviderContractDetails> AcceptContractAsync(string contractId, CancellationToken cancellationToken = default);

    /// <summary>Rejects a requested or pending contract of the signer's.</summary>
    [Post("/api/v1/providers/me/contracts/{contractId}/reject")]
    Task<ProviderContractDetails> RejectContractAsync(string contractId, [Body] ContractRejection rejection, CancellationToken cancellationToken = default);

    /// <summary>The signer's deposit address for ICRC-1 tokens (503 <c>deposits_off</c> when the platform takes no token deposits).</summary>
    [Get("/api/v1/wallet/deposit-address")]
    Task<DepositAddressDetails> GetDepositAddressAsync(CancellationToken cancellationToken = default);

    /// <summary>Reports one day of one of the signer's offerings (uptime %, response %, incidents); a new report of the day replaces it.</summary>
    [Put("/api/v1/providers/me/offerings/{id}/sli")]
    Task<SelfReportedDay> SubmitSelfReportedSliAsync(Guid id, [Body] SelfReportedSliSubmission report, CancellationToken cancellationToken = default);

    /// <summary><c>POST /api/v1/contracts/{contractId}/feedback</c>: answers, once, whether an ended contract matched its description and whether you would rent again.</summary>
    [Post("/api/v1/contracts/{contractId}/feedback")]
    Task<ContractFeedbackDetails> GiveContractFeedbackAsync(string contractId, [Body] ContractFeedbackRequest feedback, CancellationToken cancellationToken = default);

    /// <summary>
    /// Submits the JSON that <c>yabs.sh -j</c> printed for an offering the signer rented (403 <c>not_a_renter</c>
    /// otherwise); every bad field of the document is listed in a 400.
    /// </summary>
    [Post("/api/v1/offerings/{offeringId}/benchmarks")]
    Task<BenchmarkSubmissionDetails> SubmitBenchmarkAsync(Guid offeringId, [Body] System.Text.Json.JsonElement yabsDocument, CancellationToken cancellationToken = default);
}

namespace DecentCloud.Domain.Contracts;

/// <summary>One recorded move of a contract: who moved it, when, from where, to where and why.</summary>
public sealed record ContractTransition(ContractState From, ContractState To, DateTimeOffset At, string Actor, string Reason);

using System.CommandLine;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;
using FluentResults;

namespace DecentCloud.Api.Admin;

/// <summary>
/// <c>admin contract …</c>: the operator's moves of a contract until the provider console and the payment
/// confirmation bring their own routes (they will call the same use cases).
/// </summary>
internal static partial class AdminCli
{
    private static readonly (string Verb, ContractState To, string Help)[] Moves =
    [
        ("accept", ContractState.Accepted, "The provider accepts the request; it is provisioned once paid."),
        ("reject", ContractState.Rejected, "The provider declines the request."),
        ("activate", ContractState.Active, "Marks a provisioned contract active (normally the first healthy check does)."),
        ("pause", ContractState.Paused, "Pauses the contract; the agent stops the machine and keeps its disk."),
        ("resume", ContractState.Active, "Resumes a paused contract; the agent starts the machine again."),
        ("complete", ContractState.Completed, "Ends the contract as run to its end; the agent removes the machine."),
        ("cancel", ContractState.Cancelled, "Cancels the contract; the agent removes the machine."),
    ];

    private static Command ContractCommand(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("contract", "Moves a contract through its states, or records its payment.");
        foreach (var (verb, to, help) in Moves)
        {
            command.Subcommands.Add(Move(verb, to, help, stdout, stderr));
        }

        command.Subcommands.Add(Paid(stdout, stderr));
        return command;
    }

    private static Command Move(string verb, ContractState to, string help, TextWriter stdout, TextWriter stderr)
    {
        var id = ContractIdOption();
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the contract's history)." };
        var command = new Command(verb, help) { id, reason };
        command.SetAction((parse, ct) => WithPlatformAsync(stderr, async mediator =>
        {
            var contractId = ContractId.FromHex(parse.GetValue(id));
            if (contractId.IsFailed)
            {
                return Fail(stderr, contractId);
            }

            var result = await mediator.Send(new ChangeContractState(contractId.Value, to, "admin", parse.GetValue(reason) ?? $"admin {verb}"), ct);
            if (result.IsFailed)
            {
                return Fail(stderr, result);
            }

            await stdout.WriteLineAsync($"{contractId.Value} {result.Value.ToWireName()}");
            return 0;
        }, ct));
        return command;
    }

    private static Command Paid(TextWriter stdout, TextWriter stderr)
    {
        var id = ContractIdOption();
        var command = new Command("paid", "Records that the contract's payment succeeded (payment intake until the payment confirmation calls it).") { id };
        command.SetAction((parse, ct) => WithPlatformAsync(stderr, async mediator =>
        {
            var contractId = ContractId.FromHex(parse.GetValue(id));
            var result = contractId.IsFailed ? contractId.ToResult() : await mediator.Send(new MarkContractPaid(contractId.Value, "admin"), ct);
            if (result.IsFailed)
            {
                return Fail(stderr, result);
            }

            await stdout.WriteLineAsync($"{contractId.Value} paid");
            return 0;
        }, ct));
        return command;
    }

    private static Option<string> ContractIdOption() =>
        new("--contract") { Description = "The contract id (hex).", Required = true };
}

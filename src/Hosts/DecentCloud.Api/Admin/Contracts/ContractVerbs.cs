using System.CommandLine;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;
using FluentResults;

namespace DecentCloud.Api.Admin.Contracts;

/// <summary>
/// <c>admin contract …</c>: the operator's moves of a contract until the provider console and the payment
/// confirmation bring their own routes (they will call the same use cases).
/// </summary>
internal static class ContractVerbs
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

    public static IEnumerable<Command> Create(AdminContext context)
    {
        var command = new Command("contract", "Moves a contract through its states, or records its payment.");
        foreach (var (verb, to, help) in Moves)
        {
            command.Subcommands.Add(Move(context, verb, to, help));
        }

        command.Subcommands.Add(Paid(context));
        return [command];
    }

    private static Command Move(AdminContext context, string verb, ContractState to, string help)
    {
        var id = ContractIdOption();
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the contract's history)." };
        var command = new Command(verb, help) { id, reason };
        context.SetAction(command, async call =>
        {
            var contractId = ContractId.FromHex(call.Parse.GetValue(id));
            if (contractId.IsFailed)
            {
                return call.Fail(contractId);
            }

            var result = await call.Mediator.Send(new ChangeContractState(contractId.Value, to, "admin", call.Parse.GetValue(reason) ?? $"admin {verb}"), call.CancellationToken);
            if (result.IsFailed)
            {
                return call.Fail(result);
            }

            var state = result.Value.ToWireName();
            await call.Output.WriteResultAsync(new { contract = contractId.Value.ToString(), state }, $"{contractId.Value} {state}");
            return 0;
        });
        return command;
    }

    private static Command Paid(AdminContext context)
    {
        var id = ContractIdOption();
        var command = new Command("paid", "Records that a free or off-platform contract's payment succeeded (audited); a rental is paid from the wallet into escrow and is refused.") { id };
        context.SetAction(command, async call =>
        {
            var contractId = ContractId.FromHex(call.Parse.GetValue(id));
            var result = contractId.IsFailed ? contractId.ToResult() : await call.Mediator.Send(new MarkContractPaid(contractId.Value, "admin"), call.CancellationToken);
            if (result.IsFailed)
            {
                return call.Fail(result);
            }

            await call.Output.WriteResultAsync(new { contract = contractId.Value.ToString(), paid = true }, $"{contractId.Value} paid");
            return 0;
        });
        return command;
    }

    private static Option<string> ContractIdOption() =>
        new("--contract") { Description = "The contract id (hex).", Required = true };
}

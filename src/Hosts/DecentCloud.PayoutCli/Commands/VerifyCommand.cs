using System.CommandLine;

namespace DecentCloud.PayoutCli.Commands;

/// <summary>TODO</summary>
internal static class VerifyCommand
{
    public static Command Create(PayoutContext context) => new("verify", "TODO");
}

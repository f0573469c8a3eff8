using System.CommandLine;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Agent.Credentials;

/// <summary>
/// <c>dc-agent credentials decrypt</c>: the user's own tool to read a VM password without the website.
/// The seed is tried as the account seed (account-level key) and as a device's Ed25519 seed.
/// </summary>
internal static class DecryptCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var blob = new Option<FileInfo>("--blob") { Description = "File holding the encrypted credential (JSON, v1/v2/v3).", Required = true };
        var contract = new Option<string>("--contract-id") { Description = "The contract the credential must belong to (hex).", Required = true };
        var seedHex = new Option<string?>("--seed-hex") { Description = "The account seed (or a device's Ed25519 seed) as hex." };
        var seedFile = new Option<FileInfo?>("--seed-file") { Description = "A file holding that seed as hex." };
        var command = new Command("decrypt", "Decrypt a VM credential and print the password.") { blob, contract, seedHex, seedFile };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(seedHex) is null) == (result.GetValue(seedFile) is null))
            {
                result.AddError("give exactly one of --seed-hex and --seed-file");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            var contractId = ContractId.FromHex(parse.GetValue(contract));
            if (contractId.IsFailed)
            {
                await stderr.WriteLineAsync($"error: --contract-id: {contractId.FirstDomainError().Message}");
                return 2;
            }

            byte[] seed;
            string text;
            try
            {
                var hex = parse.GetValue(seedHex) ?? (await File.ReadAllTextAsync(parse.GetValue(seedFile)!.FullName, ct)).Trim();
                seed = Convert.FromHexString(hex);
                text = await File.ReadAllTextAsync(parse.GetValue(blob)!.FullName, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }

            var result = Open(text, contractId.Value, seed);
            if (result.IsFailed)
            {
                await stderr.WriteLineAsync($"error: {result.FirstDomainError().Message}");
                return 1;
            }

            await stdout.WriteLineAsync(result.Value);
            return 0;
        });
        return new Command("credentials", "Work with VM credentials.") { command };
    }

    private static FluentResults.Result<string> Open(string blob, ContractId contractId, byte[] seed)
    {
        var candidates = new List<byte[]>();
        if (seed.Length >= 16)
        {
            candidates.Add(X25519Keys.AccountSecretFromSeed(seed));
        }

        if (seed.Length == X25519Keys.Size)
        {
            candidates.Add(X25519Keys.SecretFromEd25519Seed(seed));
        }

        if (candidates.Count == 0)
        {
            return FluentResults.Result.Fail<string>(DomainError.Invalid("invalid_seed", "the seed must be at least 16 bytes"));
        }

        FluentResults.Result<string>? last = null;
        foreach (var secret in candidates)
        {
            last = CredentialEnvelope.Open(blob, contractId, secret);

            // A wrong contract or a malformed blob will not improve with the other key.
            if (last.IsSuccess || last.FirstDomainError().Code is "wrong_contract" or "malformed_blob" or "wrong_purpose")
            {
                return last;
            }
        }

        return last!;
    }
}

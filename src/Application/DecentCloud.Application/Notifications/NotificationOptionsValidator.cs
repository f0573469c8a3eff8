using DecentCloud.Domain.Money;
using DecentCloud.Domain.Notifications;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Notifications;

/// <summary>Refuses a pack list a buyer could not use: an unknown channel, a duplicate name, no messages, a bad price.</summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Packs.Count; i++)
        {
            var pack = options.Packs[i];
            var at = $"Notifications:Packs:{i}";
            if (NotificationChannels.Parse(pack.Channel) is not { IsSuccess: true } channel || channel.Value == NotificationChannel.InApp)
            {
                failures.Add($"{at}:Channel must be email, telegram or sms.");
            }

            if (string.IsNullOrWhiteSpace(pack.Name) || pack.Name.Length > NotificationPack.MaxNameLength || !names.Add(pack.Name))
            {
                failures.Add($"{at}:Name must be 1-{NotificationPack.MaxNameLength} characters and unique.");
            }

            if (pack.Messages is <= 0 or > 10_000_000)
            {
                failures.Add($"{at}:Messages must be 1-10000000.");
            }

            if (UsdAmount.Parse(pack.PriceUsd) is not { IsSuccess: true } price || price.Value.NanoUsd <= 0)
            {
                failures.Add($"{at}:PriceUsd must be a positive USD amount such as 1.00.");
            }
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}

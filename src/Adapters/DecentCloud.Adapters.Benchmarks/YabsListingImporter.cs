using System.Text.Json;
using DecentCloud.Application.Signals;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Adapters.Benchmarks;

/// <summary>
/// A published list of YABS results: a JSON array of <c>yabs.sh -j</c> documents (or one document, as
/// <c>yabs.sh -w</c> writes it). Every document is read by the same strict parser as renters' submissions; one bad
/// document fails the whole listing with every bad field named, so a changed format never imports half a listing.
/// </summary>
internal sealed class YabsListingImporter(ListingReader reader) : IExternalSignalImporter
{
    public string Format => "yabs-listing";

    public async Task<IReadOnlyList<ExternalSignal>> ImportAsync(ExternalSignalSourceOptions source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var url = source.Url ?? throw new ExternalSignalFormatException($"{source.Name} has no URL");
        using var listing = await reader.GetJsonAsync(url, $"YABS listing {source.Name}", cancellationToken);
        var root = listing.RootElement;
        var documents = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            JsonValueKind.Object => [root],
            _ => throw new ExternalSignalFormatException($"YABS listing {source.Name}: expected an array of YABS documents"),
        };
        var subject = string.IsNullOrWhiteSpace(source.Subject) ? source.ProviderId : source.Subject;
        var signals = new List<ExternalSignal>();
        var problems = new List<string>();
        for (var i = 0; i < documents.Count; i++)
        {
            var report = YabsReport.Parse(documents[i]);
            if (report.IsFailed)
            {
                problems.AddRange(report.Errors.Select(e => $"[{i}] {e.Message}"));
                continue;
            }

            signals.AddRange(report.Value.ToBenchmarks(source.Name, subject).Select(b => ExternalSignal.FromBenchmark(b, source.Name, source.ProviderId)));
        }

        return problems.Count > 0
            ? throw new ExternalSignalFormatException($"YABS listing {source.Name}: {string.Join(" ", problems)}")
            : signals;
    }
}

namespace DecentCloud.Domain.Marketplace;

/// <summary>
/// Which offerings compete with each other for price: the same vCPU, memory and disk class and the same region class.
/// Sizes are grouped in powers of two, each class holding what a buyer would call "the same size":
/// <list type="bullet">
/// <item>vCPU: 1, 2, 3-4, 5-8, 9-16, 17-32, 33-64, then 65 and more (class = the upper bound, e.g. <c>4</c>);</item>
/// <item>memory: up to 1, 2, 4, 8, 16, 32, 64, 128, 256 GiB, then more (class = the upper bound in GiB);</item>
/// <item>disk: up to 25, 50, 100, 200, 400, 800, 1600 GiB, then more (class = the upper bound in GiB);</item>
/// <item>region: the country's continent-level market (<see cref="RegionClassOf"/>): <c>europe</c>,
/// <c>north_america</c>, <c>latin_america</c>, <c>asia</c>, <c>oceania</c>, <c>middle_east</c>, <c>africa</c>, else <c>other</c>.</item>
/// </list>
/// </summary>
/// <param name="CpuClass">Upper bound of the vCPU class (65 and more share the class 128).</param>
/// <param name="MemoryClassGib">Upper bound of the memory class in GiB (above 256 GiB share 512).</param>
/// <param name="StorageClassGb">Upper bound of the disk class in GiB (above 1600 GiB share 3200).</param>
/// <param name="RegionClass">The region class.</param>
public sealed record MarketClass(int CpuClass, int MemoryClassGib, int StorageClassGb, string RegionClass)
{
    private static readonly Dictionary<string, string> Regions = BuildRegions();

    /// <summary>The class of a machine of that size in that country (ISO 3166-1 alpha-2).</summary>
    public static MarketClass Of(int cores, int memoryMb, int storageGb, string country) => new(
        UpperBound(Math.Max(cores, 1), 1, 64, 128),
        UpperBound((int)Math.Ceiling(Math.Max(memoryMb, 1) / 1024.0), 1, 256, 512),
        UpperBound(Math.Max(storageGb, 1), 25, 1600, 3200),
        RegionClassOf(country));

    /// <summary>The class of an offering.</summary>
    public static MarketClass Of(Offering offering)
    {
        ArgumentNullException.ThrowIfNull(offering);
        return Of(offering.Cores, offering.MemoryMb, offering.StorageGb, offering.Country);
    }

    /// <summary>The vCPU counts of this class, both ends included (what a store filters on before the region check).</summary>
    public (int Min, int Max) CoresRange => Range(CpuClass, 1, 128, 64);

    /// <summary>The memory sizes in MiB of this class, both ends included.</summary>
    public (int Min, int Max) MemoryMbRange
    {
        get
        {
            var (min, max) = Range(MemoryClassGib, 1, 512, 256);
            return (min == 1 ? 0 : ((min - 1) * 1024) + 1, max == int.MaxValue ? int.MaxValue : max * 1024);
        }
    }

    /// <summary>The disk sizes in GiB of this class, both ends included.</summary>
    public (int Min, int Max) StorageGbRange => Range(StorageClassGb, 25, 3200, 1600);

    /// <summary>The region class of a country code; <c>other</c> for a code not listed.</summary>
    public static string RegionClassOf(string? country) =>
        country is not null && Regions.TryGetValue(country.ToUpperInvariant(), out var region) ? region : "other";

    /// <summary>The smallest <c>first × 2^k</c> at or above <paramref name="value"/>, or <paramref name="beyond"/> past <paramref name="last"/>.</summary>
    private static int UpperBound(int value, int first, int last, int beyond)
    {
        var bound = first;
        while (bound < value)
        {
            if (bound >= last)
            {
                return beyond;
            }

            bound *= 2;
        }

        return bound;
    }

    /// <summary>Class <paramref name="bound"/> holds (previous bound, bound]; the first from 1, the open one past <paramref name="last"/>.</summary>
    private static (int Min, int Max) Range(int bound, int first, int beyond, int last) =>
        bound == first ? (1, first) : bound == beyond ? (last + 1, int.MaxValue) : ((bound / 2) + 1, bound);

    private static Dictionary<string, string> BuildRegions()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string region, string codes)
        {
            foreach (var code in codes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                map[code] = region;
            }
        }

        Add("europe", "AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM UA VA XK");
        Add("north_america", "US CA GL PM BM");
        Add("latin_america", "MX GT BZ SV HN NI CR PA CU DO HT JM PR TT BS BB AR BO BR CL CO EC GY PY PE SR UY VE");
        Add("asia", "CN HK MO TW JP KR KP MN SG MY ID TH VN PH KH LA MM BN TL IN PK BD LK NP BT MV KZ KG TJ TM UZ AF");
        Add("oceania", "AU NZ FJ PG NC PF WS TO VU SB");
        Add("middle_east", "AE SA QA BH KW OM YE IR IQ IL JO LB SY PS TR GE AM AZ");
        Add("africa", "ZA NG KE EG MA DZ TN LY GH CI SN ET TZ UG RW AO MZ ZW ZM NA BW MU CM CD CG SD");
        return map;
    }
}

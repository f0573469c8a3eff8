namespace DecentCloud.Application.Common;

/// <summary>Runs a read-modify-write step again when a concurrent writer got there first.</summary>
internal static class Retry
{
    public const int Attempts = 5;

    public static async Task<T> OnConflictAsync<T>(IUnitOfWork unitOfWork, Func<Task<T>> attempt)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (ConcurrencyConflictException) when (i < Attempts)
            {
                unitOfWork.Reset();
            }
        }
    }
}

using System.Reflection;
using DecentCloud.Application.Notifications;

namespace DecentCloud.Architecture.Tests;

/// <summary>
/// Every sending path goes through the one quota gate: the channels are reachable only from the delivery use case, which
/// charges the gate before it calls them. A new type that takes a channel (a shortcut past the gate) fails this test.
/// </summary>
public sealed class NotificationGateRuleTests
{
    [Fact]
    public void Only_the_delivery_use_case_takes_a_notification_channel()
    {
        var takers = OurAssemblies()
            .SelectMany(Types)
            .Where(t => !typeof(INotificationChannel).IsAssignableFrom(t))
            .Where(t => t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .SelectMany(c => c.GetParameters())
                .Any(p => TakesChannel(p.ParameterType)))
            .Select(t => t.FullName)
            .ToList();

        Assert.Equal(["DecentCloud.Application.Notifications.DeliverNotificationHandler"], takers);
    }

    private static bool TakesChannel(Type type) =>
        type == typeof(INotificationChannel)
        || type.IsGenericType && type.GetGenericArguments().Any(TakesChannel)
        || type.IsArray && TakesChannel(type.GetElementType()!);

    /// <summary>The API host and every DecentCloud assembly it loads, transitively.</summary>
    private static Dictionary<string, Assembly>.ValueCollection OurAssemblies()
    {
        var seen = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([Assembly.Load("DecentCloud.Api")]);
        while (pending.TryPop(out var assembly))
        {
            if (!seen.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("DecentCloud.", StringComparison.Ordinal)))
            {
                pending.Push(Assembly.Load(reference));
            }
        }

        Assert.Contains("DecentCloud.Application", seen.Keys);
        Assert.Contains("DecentCloud.Adapters.Persistence", seen.Keys);
        return seen.Values;
    }

    private static IEnumerable<Type> Types(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}

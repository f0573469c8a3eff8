using Mediator;
using Microsoft.Extensions.DependencyInjection;

[assembly: MediatorOptions(Namespace = "DecentCloud.Application.Mediator", ServiceLifetime = ServiceLifetime.Scoped)]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("DecentCloud.Application.Tests")]

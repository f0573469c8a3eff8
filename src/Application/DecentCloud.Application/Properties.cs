[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("DecentCloud.Application.Tests")]

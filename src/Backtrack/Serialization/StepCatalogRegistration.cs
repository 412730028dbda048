using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Planning;

namespace Backtrack.Serialization;

/// <summary>Tells the step catalog (which knows no capability) the library's steps and their generated metadata.</summary>
internal static class StepCatalogRegistration
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "the catalog must know the library's steps before any assembly built on it reads a journal")]
    internal static void Register()
    {
        StepCatalog.Register(LibraryStepTypes.All, BacktrackJson.Resolver);
        StepCatalog.RegisterSealed<ContainerSpec>();
        StepCatalog.RegisterSealed<SwarmServiceSpec>();
        StepCatalog.RegisterSealed<HealthCheckSpec>();
    }
}

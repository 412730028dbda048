using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Engine.Docker;
using Backtrack.Health;
using Backtrack.Status;
using Backtrack.Swarm;
using Backtrack.Targets;
using Backtrack.Verify;

namespace Backtrack.Hosts;

/// <summary>One host of a multi-host environment, wired: its engine and the services that read and gate it.</summary>
public sealed class HostEnvironment : IDisposable
{
    public HostEnvironment(EnvironmentConfig environment, HostTarget target, HttpClient http, TimeProvider clock)
    {
        Target = target;
        Config = environment.OnHost(target.Name, target.Engine, target.Project);
        Engine = new DockerEngine(target.Engine);
        Inspector = new ProjectInspector(Engine);
        Checker = new HealthChecker(Engine, http);
        Gate = new HealthGate(Checker, Engine);
        Status = new StatusService(Inspector, Checker, clock);
        Verifier = new Verifier(Engine, new ComposeServiceContainers(Inspector, Engine), new StackInspector(Engine), Checker, clock);
    }

    public HostTarget Target { get; }

    public string Name => Target.Name;

    /// <summary>The environment as it is on this host: its engine, its project, its services' own settings.</summary>
    public EnvironmentConfig Config { get; }

    public IContainerEngine Engine { get; }

    public ProjectInspector Inspector { get; }

    public HealthChecker Checker { get; }

    public HealthGate Gate { get; }

    public StatusService Status { get; }

    /// <summary>The checklist on this host (a multi-host rollback's <see cref="VerifyHostsStep"/> runs one per host).</summary>
    public Verifier Verifier { get; }

    /// <summary>What a step wrapped for this host reaches instead of the environment's (<see cref="OnHostStep"/>).</summary>
    public IReadOnlyDictionary<Type, object> StepServices => new Dictionary<Type, object>
    {
        [typeof(EnvironmentConfig)] = Config,
        [typeof(IContainerEngine)] = Engine,
        [typeof(Targets.IServiceContainers)] = new Targets.ComposeServiceContainers(Inspector, Engine),
        [typeof(HealthGate)] = Gate,
    };

    public void Dispose() => Engine.Dispose();
}

using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Health;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Swarm;
using Backtrack.Targets;
using Backtrack.Verify;

namespace Backtrack;

/// <summary>
/// The typed services steps reach through their <see cref="StepContext"/>, declared beside the wiring so
/// that Planning imports none of the capabilities.
/// </summary>
public static class StepServices
{
    extension(StepContext context)
    {
        public EnvironmentConfig Environment => context.Get<EnvironmentConfig>();

        public IContainerEngine Engine => context.Get<IContainerEngine>();

        /// <summary>The containers of the environment's services, whatever runs them, and the engines that reach them.</summary>
        public IServiceContainers Containers => context.Get<IServiceContainers>();

        public HealthGate HealthGate => context.Get<HealthGate>();

        public ReleaseRecorder Releases => context.Get<ReleaseRecorder>();

        /// <summary>The gate of a swarm service's update: converged on its spec, checks passing.</summary>
        public SwarmServiceGate SwarmGate => context.Get<SwarmServiceGate>();

        /// <summary>The post-operation checklist, for steps that verify; null where none is wired.</summary>
        public Verifier? Verifier => context.Find<Verifier>();

        /// <summary>The operation's watch on restarts, begun when it started; null where none is wired.</summary>
        public RestartWatch? RestartWatch => context.Find<RestartWatch>();

        /// <summary>The context of a step acting on one host of a multi-host environment (<see cref="Hosts.OnHostStep"/>).</summary>
        public StepContext OnHost(Hosts.HostTarget target) => context.With(context.Get<Hosts.HostSet>().For(target).StepServices);

        /// <summary>Where verifying steps journal their results.</summary>
        public VerificationStore? Verifications => context.Find<VerificationStore>();
    }
}

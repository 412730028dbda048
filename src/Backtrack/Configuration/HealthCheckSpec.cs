using System.Text.Json.Serialization;

namespace Backtrack.Configuration;

/// <summary>How a service's health is judged.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HttpHealthCheck), "http")]
[JsonDerivedType(typeof(ContainerHealthCheck), "docker")]
[JsonDerivedType(typeof(NoHealthCheck), "none")]
public abstract record HealthCheckSpec
{
    public abstract string Describe();
}

/// <summary>An HTTP GET that must answer 2xx or 3xx.</summary>
public sealed record HttpHealthCheck(Uri Url) : HealthCheckSpec
{
    public override string Describe() => Url.ToString();
}

/// <summary>The container's own HEALTHCHECK, run by Backtrack through exec rather than waiting for Docker's scheduler.</summary>
public sealed record ContainerHealthCheck : HealthCheckSpec
{
    public override string Describe() => "docker";
}

/// <summary>No check configured: running counts as healthy.</summary>
public sealed record NoHealthCheck : HealthCheckSpec
{
    public override string Describe() => "none";
}

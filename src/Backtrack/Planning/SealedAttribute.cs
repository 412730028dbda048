namespace Backtrack.Planning;

/// <summary>
/// A step parameter that may hold secrets (a container spec's env values): the journal keeps it apart, by
/// digest, in the state database (0600), and its step text shows only the digest.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class SealedAttribute : Attribute;

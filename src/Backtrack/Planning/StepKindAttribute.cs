namespace Backtrack.Planning;

/// <summary>
/// The stable name of a step kind ("container.stop"): what the journal keeps instead of a C# type name,
/// so repair, reports and pages read steps back without knowing the types. Never rename a kind.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StepKindAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

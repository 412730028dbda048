using Backtrack.Execution;

namespace Backtrack.Reports;

/// <summary>The runbook's incident report, filled from the journal: operations oldest first.</summary>
public sealed record IncidentReport(
    string Environment,
    DateTimeOffset Start,
    DateTimeOffset? End,
    IReadOnlyList<OperationRecord> Operations,
    IReadOnlyList<string> ServicesAffected,
    IReadOnlyList<ServiceDowntime> Downtime,
    IReadOnlyList<ServiceChange> Changes,
    IReadOnlyList<string> Snapshots,
    IReadOnlyList<OperationVerification> Verifications);

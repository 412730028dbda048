using Backtrack.Verify;

namespace Backtrack.Reports;

/// <summary>The checklist an operation ended with.</summary>
public sealed record OperationVerification(string OperationId, VerifyReport Report);

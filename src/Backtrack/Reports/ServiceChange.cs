namespace Backtrack.Reports;

/// <summary>What a service ran before and after the rollback (images and, when recorded, commits).</summary>
public sealed record ServiceChange(string Service, string FromImage, string FromImageId, string? ToImage, string? ToImageId, string? FromCommit, string? ToCommit);

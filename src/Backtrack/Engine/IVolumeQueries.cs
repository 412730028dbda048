namespace Backtrack.Engine;

/// <summary>Named volumes on the engine.</summary>
public interface IVolumeQueries
{
    /// <summary>Named volumes carrying every one of the given labels (value null: any value).</summary>
    Task<IReadOnlyList<VolumeInfo>> ListVolumesAsync(IReadOnlyDictionary<string, string?> labels, CancellationToken ct);
}

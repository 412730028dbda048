namespace Backtrack.Engine;

/// <summary>What changes named volumes.</summary>
public interface IVolumeOperations
{
    Task CreateVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken ct);

    Task RemoveVolumeAsync(string name, CancellationToken ct);
}

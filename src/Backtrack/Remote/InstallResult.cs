namespace Backtrack.Remote;

/// <summary>What <see cref="RemoteInstaller"/> did: the file's runtime and sha256, where it is, whether it was copied.</summary>
public sealed record InstallResult(string Runtime, string Sha256, string Path, bool Copied);

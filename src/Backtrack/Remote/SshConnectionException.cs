namespace Backtrack.Remote;

/// <summary>The ssh connection to a remote engine failed; the message is one line saying what to fix.</summary>
public sealed class SshConnectionException(string message) : IOException(message);

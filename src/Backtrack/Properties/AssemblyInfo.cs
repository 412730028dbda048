// Backtrack drives Docker on Linux hosts; file modes and signals are Unix ones.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]

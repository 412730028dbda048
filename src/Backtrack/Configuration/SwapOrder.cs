namespace Backtrack.Configuration;

/// <summary>
/// The order of a container swap: start-first runs the new container beside the old one until it passes
/// its gate (no downtime; needs a service reached through a network alias), stop-first stops the old one
/// first (a port published on the host cannot be shared). Auto: start-first unless a port is published.
/// </summary>
public enum SwapOrder
{
    Auto,
    StartFirst,
    StopFirst,
}

[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]

// Three collections at once on the 2-CPU CI machine: most of a test's time is waiting on the engine
// (containers starting, health checks, swarm converging), so a third collection shortens the suite that
// must stay under 30 minutes; the tests bound their waits generously enough for the extra load.
[assembly: CollectionBehavior(MaxParallelThreads = 3)]

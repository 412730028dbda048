using Backtrack.Health;

namespace Backtrack.Tests.Health;

public sealed class HealthTestCommandTests
{
    [Fact]
    public void Docker_healthcheck_forms_become_exec_commands()
    {
        Assert.Equal(["wget", "-q", "http://127.0.0.1/health"], HealthChecker.HealthTestCommand(["CMD", "wget", "-q", "http://127.0.0.1/health"]));
        Assert.Equal(["/bin/sh", "-c", "curl -f localhost || exit 1"], HealthChecker.HealthTestCommand(["CMD-SHELL", "curl -f localhost || exit 1"]));
        Assert.Null(HealthChecker.HealthTestCommand(["NONE"]));
        Assert.Null(HealthChecker.HealthTestCommand([]));
    }
}

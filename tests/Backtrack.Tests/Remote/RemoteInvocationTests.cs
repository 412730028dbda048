using Backtrack.Remote;

namespace Backtrack.Tests.Remote;

public sealed class RemoteInvocationTests
{
    [Fact]
    public void Host_and_host_dir_before_the_command_run_it_there_with_every_word_quoted()
    {
        var invocation = RemoteInvocation.TryParse(["--host", "deploy@nebula", "--host-dir", "/opt/my shop", "rollback", "service", "web", "--to", "it's"])!;

        Assert.Equal(new SshTarget("nebula", "deploy"), invocation.Target);
        Assert.Equal("cd -- '/opt/my shop' && exec 'backtrack' 'rollback' 'service' 'web' '--to' 'it'\\''s'", invocation.RemoteCommand());
    }

    [Fact]
    public void Without_host_dir_the_command_runs_in_the_login_directory()
    {
        Assert.Equal("exec 'backtrack' 'status'", RemoteInvocation.TryParse(["--host", "nebula", "status"])!.RemoteCommand());
    }

    [Fact]
    public void An_environment_name_takes_its_configured_address_and_directory_unless_host_dir_overrides_it()
    {
        var hosts = new Dictionary<string, Backtrack.Configuration.RemoteHostConfig> { ["prod"] = new("deploy@nebula:2222", "/opt/shop") };

        var invocation = RemoteInvocation.TryParse(["--host", "prod", "status"], hosts)!;
        var overridden = RemoteInvocation.TryParse(["--host", "prod", "--host-dir", "/srv", "status"], hosts)!;

        Assert.Equal(new SshTarget("nebula", "deploy", 2222), invocation.Target);
        Assert.Equal("cd -- '/opt/shop' && exec 'backtrack' 'status'", invocation.RemoteCommand());
        Assert.Equal("cd -- '/srv' && exec 'backtrack' 'status'", overridden.RemoteCommand());
        Assert.Equal(new SshTarget("staging"), RemoteInvocation.TryParse(["--host", "staging", "status"], hosts)!.Target);
    }

    [Fact]
    public void Host_after_the_command_is_the_commands_own()
    {
        Assert.Null(RemoteInvocation.TryParse(["install", "--host", "nebula"]));
    }

    [Theory]
    [InlineData("--host")]
    [InlineData("--host", "--host-dir")]
    [InlineData("--host", "nebula")]
    [InlineData("--host", "nebula", "--host-dir")]
    public void An_incomplete_host_invocation_is_refused_in_one_line(params string[] args)
    {
        var e = Assert.Throws<BacktrackException>(() => RemoteInvocation.TryParse(args));
        Assert.DoesNotContain('\n', e.Message);
    }
}

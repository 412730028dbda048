using Backtrack.Remote;

namespace Backtrack.Tests.Remote;

public sealed class SshCommandTests
{
    [Fact]
    public void An_ssh_engine_url_dials_the_hosts_docker_cli_with_user_port_and_no_prompts()
    {
        var target = SshTarget.FromUrl(new Uri("ssh://deploy@nebula:2222"));

        Assert.Equal(
            ["-o", "BatchMode=yes", "-o", "ConnectTimeout=30", "-T", "-l", "deploy", "-p", "2222", "--", "nebula", "docker", "system", "dial-stdio"],
            SshCommand.DialStdio(target).Skip(6));
        Assert.Equal(["-o", "ControlMaster=auto", "-o", $"ControlPath={SshCommand.ControlDirectory}/%C", "-o", "ControlPersist=60"], SshCommand.DialStdio(target).Take(6));
    }

    [Fact]
    public void A_path_in_the_url_names_the_engine_socket_on_the_host()
    {
        var target = SshTarget.FromUrl(new Uri("ssh://nebula/run/user/1000/docker.sock"));

        Assert.Equal(
            ["--", "nebula", "docker", "--host", "unix:///run/user/1000/docker.sock", "system", "dial-stdio"],
            SshCommand.DialStdio(target).Skip(11));
    }

    [Theory]
    [InlineData("nebula", null, "nebula", null)]
    [InlineData("deploy@nebula", "deploy", "nebula", null)]
    [InlineData("deploy@10.0.0.5:2222", "deploy", "10.0.0.5", 2222)]
    [InlineData("deploy@[::1]:2222", "deploy", "::1", 2222)]
    public void A_host_argument_is_user_host_and_port(string text, string? user, string host, int? port)
    {
        Assert.Equal(new SshTarget(host, user, port), SshTarget.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ssh://nebula")]
    [InlineData("nebula/opt")]
    [InlineData("nebula:port")]
    public void A_host_argument_that_is_not_one_is_refused_in_one_line(string text)
    {
        var e = Assert.Throws<BacktrackException>(() => SshTarget.Parse(text));
        Assert.Contains("give [user@]host[:port]", e.Message);
    }

    [Fact]
    public void A_password_in_an_ssh_url_is_refused()
    {
        Assert.Throws<BacktrackException>(() => SshTarget.FromUrl(new Uri("ssh://deploy:hunter2@nebula")));
    }

    [Theory]
    [InlineData(255, "No ED25519 host key is known for [h]:22 and you have requested strict checking.\nHost key verification failed.", "the host key of deploy@nebula:2222 is not in known_hosts; connect once with 'ssh -p 2222 deploy@nebula'")]
    [InlineData(255, "deploy@nebula: Permission denied (publickey).", "deploy@nebula:2222 refused ssh authentication")]
    [InlineData(127, "bash: line 1: docker: command not found", "no docker CLI on deploy@nebula:2222")]
    [InlineData(255, "ssh: connect to host nebula port 2222: Connection refused", "ssh to deploy@nebula:2222: ssh: connect to host nebula port 2222: Connection refused")]
    public void Sshs_errors_become_one_line_saying_what_to_do(int exitCode, string stderr, string expected)
    {
        var line = SshFailure.Explain(new SshTarget("nebula", "deploy", 2222), exitCode, stderr);

        Assert.StartsWith(expected, line);
        Assert.DoesNotContain('\n', line);
    }
}

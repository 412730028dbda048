using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Text;
using System.Threading.Channels;
using Backtrack.Engine.Docker.Transport;
using Backtrack.Remote;
using Backtrack.Secrets;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Backtrack.Engine.Docker;

/// <summary>
/// <see cref="IContainerEngine"/> on the Docker Engine API. Requests are sent unversioned: the engine then
/// answers with its own API version, which works from docker 20.10 (API 1.41) to current engines.
/// </summary>
public sealed partial class DockerEngine : IContainerEngine
{
    private readonly DockerClient client;
    private readonly string endpoint;
    private readonly ConcurrentDictionary<string, ImageInspectResponse> imagesById = new(StringComparer.Ordinal);

    public DockerEngine(string? configuredEndpoint)
    {
        var uri = EngineAddress.Resolve(configuredEndpoint);
        endpoint = uri.ToString();
        client = DockerClientFactory.Create(uri);
    }

    /// <summary>Through a unix socket the engine runs on this machine: its volumes' mountpoints are local paths.</summary>
    private bool IsLocal => endpoint.StartsWith("unix://", StringComparison.Ordinal);

    /// <summary>
    /// Owners seen in the mountpoint are the container's own only without user-namespace remapping or a
    /// rootless engine; otherwise the mountpoint is not offered (the archive API maps owners itself).
    /// </summary>
    private async Task<bool> MountpointsAreFaithfulAsync(CancellationToken ct) =>
        IsLocal && !((await client.System.GetSystemInfoAsync(ct).ConfigureAwait(false)).SecurityOptions ?? [])
            .Any(o => o.Contains("name=userns", StringComparison.Ordinal) || o.Contains("name=rootless", StringComparison.Ordinal));

    /// <summary>A plain local volume keeps its data at its mountpoint; one with driver options (NFS, a device) is mounted there only while in use.</summary>
    private static bool HoldsItsData(VolumeResponse volume) => volume.Driver == "local" && volume.Options is not { Count: > 0 };

    public Task<string> PingAsync(CancellationToken ct) =>
        Guard(async () => (await client.System.GetVersionAsync(ct).ConfigureAwait(false)).Version);

    public Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(IReadOnlyDictionary<string, string?> labels, CancellationToken ct) =>
        Guard<IReadOnlyList<ContainerSummary>>(async () =>
        {
            var filter = labels.ToDictionary(l => l.Value is null ? l.Key : $"{l.Key}={l.Value}", _ => true);
            var list = await client.Containers.ListContainersAsync(
                new ContainersListParameters { All = true, Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = filter } },
                ct).ConfigureAwait(false);
            return list
                .Select(c => new ContainerSummary(
                    c.ID,
                    c.Names.FirstOrDefault()?.TrimStart('/') ?? c.ID[..12],
                    c.Image,
                    c.ImageID,
                    c.State,
                    new DateTimeOffset(c.Created.ToUniversalTime(), TimeSpan.Zero),
                    c.Labels?.ToDictionary() ?? []))
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ToList();
        });

    public Task<ContainerDetails?> InspectContainerAsync(string idOrName, CancellationToken ct) =>
        Guard(async () =>
        {
            ContainerInspectResponse container;
            try
            {
                container = await client.Containers.InspectContainerAsync(idOrName, ct).ConfigureAwait(false);
            }
            catch (DockerContainerNotFoundException)
            {
                return null;
            }

            var image = await ImageByIdAsync(container.Image, ct).ConfigureAwait(false);
            var state = container.State ?? throw new EngineOperationException($"container {idOrName} has no state");
            var config = container.Config ?? throw new EngineOperationException($"container {idOrName} has no config");
            // Inspection is where the running env is seen: its secret values are learned here.
            SecretRegistry.AddEnv(config.Env ?? []);
            return new ContainerDetails(
                container.ID,
                container.Name.TrimStart('/'),
                container.Image,
                new ContainerState(
                    state.Status,
                    state.Running,
                    DateTimeOffset.TryParse(state.StartedAt, CultureInfo.InvariantCulture, out var started) && started.Year > 1 ? started : null,
                    (int)container.RestartCount,
                    state.ExitCode,
                    state.Health?.Status),
                DockerSpecMapper.ToSpec(container, image),
                config.Healthcheck?.Test?.ToList() ?? [],
                (container.NetworkSettings?.Ports ?? new Dictionary<string, IList<PortBinding>>())
                    .SelectMany(p => (p.Value ?? []).Select(b => new PublishedPort(p.Key, b.HostIP, b.HostPort)))
                    .ToList(),
                (container.Mounts ?? []).Select(m => new MountPoint(m.Type ?? "", m.Name ?? m.Source ?? "", m.Destination ?? "", m.RW)).ToList(),
                DockerSpecMapper.ToRestartPolicy(container.HostConfig?.RestartPolicy));
        });

    public Task<ImageDetails?> InspectImageAsync(string reference, CancellationToken ct) =>
        Guard(async () => await TryInspectImageAsync(reference, ct).ConfigureAwait(false) is { } image ? ToImage(image) : null);

    public Task<IReadOnlyList<ImageDetails>> ListImagesAsync(string repository, CancellationToken ct) =>
        Guard<IReadOnlyList<ImageDetails>>(async () =>
        {
            var images = await client.Images.ListImagesAsync(
                new ImagesListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [repository] = true } } },
                ct).ConfigureAwait(false);
            return images
                .Select(i => new ImageDetails(i.ID, i.RepoTags?.ToList() ?? [], new DateTimeOffset(i.Created.ToUniversalTime(), TimeSpan.Zero), []))
                .OrderByDescending(i => i.Created)
                .ToList();
        });

    public Task PullImageAsync(string reference, CancellationToken ct) =>
        Guard(async () =>
        {
            var (name, tag) = SplitReference(reference);
            try
            {
                await client.Images.CreateImageAsync(
                    new ImagesCreateParameters { FromImage = name, Tag = tag }, null, new Progress<JSONMessage>(), ct).ConfigureAwait(false);
            }
            catch (DockerApiException e)
            {
                throw new BacktrackException($"image {reference} is not on the engine and could not be pulled: {ApiMessage(e)}", e);
            }

            return true;
        });

    public Task<string> CreateContainerAsync(string name, ContainerSpec spec, CancellationToken ct) =>
        Guard(async () =>
        {
            var response = await client.Containers.CreateContainerAsync(DockerSpecMapper.ToCreateParameters(name, spec), ct).ConfigureAwait(false);
            foreach (var network in DockerSpecMapper.SecondaryNetworks(spec))
            {
                await client.Networks.ConnectNetworkAsync(
                    network.Network,
                    new NetworkConnectParameters { Container = response.ID, EndpointConfig = DockerSpecMapper.Endpoint(network) },
                    ct).ConfigureAwait(false);
            }

            return response.ID;
        });

    public Task StartContainerAsync(string idOrName, CancellationToken ct) =>
        Guard(() => client.Containers.StartContainerAsync(idOrName, new ContainerStartParameters(), ct));

    public Task StopContainerAsync(string idOrName, TimeSpan timeout, CancellationToken ct) =>
        Guard(() => client.Containers.StopContainerAsync(
            idOrName, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Ceiling(timeout.TotalSeconds) }, ct));

    public Task RenameContainerAsync(string idOrName, string newName, CancellationToken ct) =>
        Guard(() => client.Containers.RenameContainerAsync(idOrName, new ContainerRenameParameters { NewName = newName }, ct));

    public Task RemoveContainerAsync(string idOrName, CancellationToken ct) =>
        Guard(() => client.Containers.RemoveContainerAsync(idOrName, new ContainerRemoveParameters { Force = true }, ct));

    public Task SetRestartPolicyAsync(string idOrName, RestartPolicy policy, CancellationToken ct) =>
        Guard(() => client.Containers.UpdateContainerAsync(
            idOrName, new ContainerUpdateParameters { RestartPolicy = DockerSpecMapper.ToDockerRestartPolicy(policy) }, ct));

    public Task<ExecResult> ExecAsync(string idOrName, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct) =>
        ExecAsync(idOrName, command, null, timeout, ct);

    public Task<ExecResult> ExecAsync(
        string idOrName, IReadOnlyList<string> command, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, CancellationToken ct) =>
        Guard(async () =>
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            var exec = await client.Exec.CreateContainerExecAsync(
                idOrName,
                new ContainerExecCreateParameters { Cmd = command.ToList(), Env = EnvList(environment), AttachStdout = true, AttachStderr = true },
                deadline.Token).ConfigureAwait(false);
            string stdout, stderr;
            using (var stream = await client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), deadline.Token).ConfigureAwait(false))
            {
                (stdout, stderr) = await stream.ReadOutputToEndAsync(deadline.Token).ConfigureAwait(false);
            }

            var inspect = await client.Exec.InspectContainerExecAsync(exec.ID, ct).ConfigureAwait(false);
            return new ExecResult(inspect.ExitCode ?? -1, stdout, stderr);
        });

    public Task<long> ExecStreamAsync(string idOrName, IReadOnlyList<string> command, Stream? stdin, Stream stdout, Stream stderr, CancellationToken ct) =>
        ExecStreamAsync(idOrName, command, null, stdin, stdout, stderr, ct);

    public Task<long> ExecStreamAsync(
        string idOrName,
        IReadOnlyList<string> command,
        IReadOnlyDictionary<string, string>? environment,
        Stream? stdin,
        Stream stdout,
        Stream stderr,
        CancellationToken ct) =>
        Guard(async () =>
        {
            var exec = await client.Exec.CreateContainerExecAsync(
                idOrName,
                new ContainerExecCreateParameters
                {
                    Cmd = command.ToList(), Env = EnvList(environment), AttachStdin = stdin is not null, AttachStdout = true, AttachStderr = true,
                },
                ct).ConfigureAwait(false);
            using (var stream = await client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), ct).ConfigureAwait(false))
            {
                var output = stream.CopyOutputToAsync(Stream.Null, stdout, stderr, ct);
                if (stdin is not null)
                {
                    // The engine ends the output when the command exits, but goes on reading (and discarding) input:
                    // once the output has ended, the rest of stdin is not sent (pg_restore --list reads only the start
                    // of a dump; sending the whole dump took seconds per 100 MB).
                    using var stopInput = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    var input = CopyInputAsync(stream, stdin, stopInput.Token);
                    if (await Task.WhenAny(output, input).ConfigureAwait(false) == output)
                    {
                        await stopInput.CancelAsync().ConfigureAwait(false);
                    }

                    await input.ConfigureAwait(false);
                }

                await output.ConfigureAwait(false);
            }

            var inspect = await client.Exec.InspectContainerExecAsync(exec.ID, ct).ConfigureAwait(false);
            return inspect.ExitCode ?? -1;
        });

    private static async Task CopyInputAsync(MultiplexedStream stream, Stream stdin, CancellationToken ct)
    {
        try
        {
            await stream.CopyFromAsync(stdin, ct).ConfigureAwait(false);
            stream.CloseWrite();
        }
        catch (IOException)
        {
            // The command stopped reading (it ended, or needed only the start, as pg_restore --list does):
            // as with a shell pipe, its exit code says whether that was a failure.
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The output ended first (see ExecStreamAsync), or the operation was cancelled, which the output reports.
        }
    }

    private static List<string> EnvList(IReadOnlyDictionary<string, string>? environment) =>
        environment is null ? [] : environment.Select(e => $"{e.Key}={e.Value}").ToList();

    public Task<Stream> GetArchiveAsync(string idOrName, string path, CancellationToken ct) =>
        Guard(async () =>
        {
            var response = await client.Containers.GetArchiveFromContainerAsync(
                idOrName, new ContainerPathStatParameters { Path = path }, false, ct).ConfigureAwait(false);
            return response.Stream ?? throw new EngineOperationException($"no archive of {path} in {idOrName}");
        });

    public Task PutArchiveAsync(string idOrName, string directory, Stream tar, CancellationToken ct) =>
        Guard(() => client.Containers.ExtractArchiveToContainerAsync(idOrName, new CopyToContainerParameters { Path = directory, CopyUIDGID = true }, tar, ct));

    public Task<string> CreateParkedContainerAsync(
        string name, string image, IReadOnlyDictionary<string, string> volumes, IReadOnlyDictionary<string, string> labels, CancellationToken ct) =>
        Guard(async () =>
        {
            var response = await client.Containers.CreateContainerAsync(
                new CreateContainerParameters
                {
                    Name = name,
                    Image = image,
                    // Never started: the command only has to exist for the engine to accept the container.
                    Entrypoint = ["/backtrack-parked"],
                    Cmd = [],
                    Labels = labels.ToDictionary(),
                    NetworkDisabled = true,
                    HostConfig = new HostConfig { Binds = volumes.Select(v => $"{v.Key}:{v.Value}").ToList() },
                },
                ct).ConfigureAwait(false);
            return response.ID;
        });

    public Task SetMemoryLimitAsync(string idOrName, long bytes, CancellationToken ct) =>
        Guard(() => client.Containers.UpdateContainerAsync(idOrName, new ContainerUpdateParameters { Memory = bytes, MemorySwap = bytes }, ct));

    public Task<MemoryUsage> GetMemoryUsageAsync(string idOrName, CancellationToken ct) =>
        Guard(async () =>
        {
            ContainerStatsResponse? stats = null;
            await client.Containers.GetContainerStatsAsync(
                idOrName, new ContainerStatsParameters { Stream = false, OneShot = true }, new SynchronousProgress<ContainerStatsResponse>(s => stats = s), ct)
                .ConfigureAwait(false);
            var memory = stats?.MemoryStats;
            return new MemoryUsage((long)(memory?.Usage ?? 0), (long)(memory?.Limit ?? 0));
        });

    public Task<IReadOnlyList<VolumeInfo>> ListVolumesAsync(IReadOnlyDictionary<string, string?> labels, CancellationToken ct) =>
        Guard<IReadOnlyList<VolumeInfo>>(async () =>
        {
            var filter = labels.ToDictionary(l => l.Value is null ? l.Key : $"{l.Key}={l.Value}", _ => true);
            var response = await client.Volumes.ListAsync(
                new VolumesListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = filter } }, ct).ConfigureAwait(false);
            var local = response.Volumes is { Count: > 0 } && await MountpointsAreFaithfulAsync(ct).ConfigureAwait(false);
            return (response.Volumes ?? [])
                .Select(v => new VolumeInfo(v.Name, v.Driver, v.Labels?.ToDictionary() ?? [], local && HoldsItsData(v) ? v.Mountpoint : null))
                .OrderBy(v => v.Name, StringComparer.Ordinal)
                .ToList();
        });

    public Task<bool> IsSwarmManagerAsync(CancellationToken ct) =>
        Guard(async () => (await client.System.GetSystemInfoAsync(ct).ConfigureAwait(false)).Swarm is { LocalNodeState: "active", ControlAvailable: true });

    public Task<IReadOnlyList<ServiceDetails>> ListServicesAsync(IReadOnlyDictionary<string, string?> labels, CancellationToken ct) =>
        Guard<IReadOnlyList<ServiceDetails>>(async () =>
        {
            var filter = labels.ToDictionary(l => l.Value is null ? l.Key : $"{l.Key}={l.Value}", _ => true);
            var services = await client.Swarm.ListServicesAsync(
                new ServiceListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = filter } }, ct).ConfigureAwait(false);
            return services.Select(DockerServiceMapper.ToService).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        });

    public Task<IReadOnlyList<ServiceTask>> ListTasksAsync(string serviceId, CancellationToken ct) =>
        Guard<IReadOnlyList<ServiceTask>>(async () =>
        {
            var tasks = await client.Tasks.ListAsync(
                new TasksListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["service"] = new Dictionary<string, bool> { [serviceId] = true } } },
                ct).ConfigureAwait(false);
            return tasks
                .Where(t => t.ServiceID == serviceId)
                .Select(DockerServiceMapper.ToTask)
                .OrderBy(t => t.Slot ?? 0)
                .ThenByDescending(t => t.Timestamp)
                .ToList();
        });

    public Task CreateVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken ct) =>
        Guard(() => client.Volumes.CreateAsync(new VolumesCreateParameters { Name = name, Labels = labels.ToDictionary() }, ct));

    public Task RemoveVolumeAsync(string name, CancellationToken ct) => Guard(() => client.Volumes.RemoveAsync(name, false, ct));

    public Task RemoveImageAsync(string reference, CancellationToken ct) =>
        Guard(() => client.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = false }, ct));

    public async IAsyncEnumerable<EngineEvent> ContainerEventsAsync(
        IReadOnlyDictionary<string, string?> labels, DateTimeOffset? since, [EnumeratorCancellation] CancellationToken ct)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["type"] = new Dictionary<string, bool> { ["container"] = true },
            ["label"] = labels.ToDictionary(l => l.Value is null ? l.Key : $"{l.Key}={l.Value}", _ => true),
        };
        var parameters = new ContainerEventsParameters { Filters = filters, Since = since?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        // The client reports events through a callback while its request runs: a channel turns them into a stream.
        var events = Channel.CreateUnbounded<EngineEvent>(new UnboundedChannelOptions { SingleReader = true });
        var progress = new SynchronousProgress<Message>(m => events.Writer.TryWrite(new EngineEvent(
            DateTimeOffset.FromUnixTimeMilliseconds((m.TimeNano ?? 0) / 1_000_000),
            m.Action ?? "",
            m.Actor?.ID ?? "",
            m.Actor?.Attributes is { } attributes ? new Dictionary<string, string>(attributes) : new Dictionary<string, string>())));
        var monitor = Guard(() => client.System.MonitorEventsAsync(parameters, progress, ct));
        _ = monitor.ContinueWith(t => events.Writer.TryComplete(ct.IsCancellationRequested ? null : t.Exception?.InnerException), TaskScheduler.Default);
        await foreach (var item in events.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            yield return item;
        }

        if (monitor.IsFaulted && !ct.IsCancellationRequested)
        {
            await monitor.ConfigureAwait(false);
        }
    }

    public void Dispose() => client.Dispose();

    /// <summary>
    /// What a container inherits from its image, by the image's ID: content addressed, so an image seen once in
    /// this process (by ID or by a tag) is not asked again. Only inheritance reads it: whether an image is still
    /// on the engine is always asked.
    /// </summary>
    private async Task<ImageInspectResponse?> ImageByIdAsync(string imageId, CancellationToken ct) =>
        imagesById.TryGetValue(imageId, out var seen) ? seen : await TryInspectImageAsync(imageId, ct).ConfigureAwait(false);

    private async Task<ImageInspectResponse?> TryInspectImageAsync(string reference, CancellationToken ct)
    {
        try
        {
            var image = await client.Images.InspectImageAsync(reference, ct).ConfigureAwait(false);
            if (image.ID is { } id)
            {
                imagesById[id] = image;
            }

            return image;
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
        catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.BadRequest)
        {
            // An invalid reference (e.g. uppercase) cannot name an image that exists.
            return null;
        }
    }

    private static ImageDetails ToImage(ImageInspectResponse image) => new(
        image.ID,
        image.RepoTags?.ToList() ?? [],
        image.Created is { } created ? new DateTimeOffset(created.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.MinValue,
        image.Config?.Healthcheck?.Test?.ToList() ?? []);

    private static (string Name, string Tag) SplitReference(string reference)
    {
        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        return colon > slash ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
    }

    private static string ApiMessage(DockerApiException e)
    {
        var body = e.ResponseBody?.Trim() ?? "";
        const string marker = "\"message\":\"";
        var start = body.IndexOf(marker, StringComparison.Ordinal);
        return start < 0 ? body : body[(start + marker.Length)..].TrimEnd('}', '"');
    }

    private async Task Guard(Func<Task> call) =>
        await Guard(async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    /// <summary>Turns transport failures into one actionable line; engine answers pass through.</summary>
    private async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException e)
        {
            throw new ContainerNotFoundException(ApiMessage(e), e);
        }
        catch (DockerApiException e)
        {
            throw new EngineOperationException(ApiMessage(e), (int)e.StatusCode, e);
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or AuthenticationException)
        {
            throw new EngineUnreachableException(endpoint, Explain(e), e);
        }
    }

    private string Explain(Exception e)
    {
        if (Inner<SshConnectionException>(e) is { } ssh)
        {
            return ssh.Message;
        }

        if (Inner<AuthenticationException>(e) is { } tls)
        {
            return tls.Message.Contains("RemoteCertificateValidationCallback", StringComparison.Ordinal)
                ? "the engine's TLS certificate is not signed by DOCKER_CERT_PATH's ca.pem or does not name this host; check the engine's address and ca.pem"
                : "the engine refused the TLS handshake; check that its CA signed DOCKER_CERT_PATH's cert.pem and key.pem";
        }

        var socket = e as SocketException ?? e.InnerException as SocketException ?? e.InnerException?.InnerException as SocketException;
        var path = endpoint.StartsWith("unix://", StringComparison.Ordinal) ? endpoint["unix://".Length..] : null;
        return socket?.SocketErrorCode switch
        {
            SocketError.AccessDenied => "permission denied; run as root or add your user to the 'docker' group",
            SocketError.AddressNotAvailable or SocketError.ConnectionRefused when path is not null && !File.Exists(path) =>
                $"no socket at {path}; start dockerd (or run scripts/setup.sh), or set DOCKER_HOST",
            SocketError.ConnectionRefused => "connection refused; is dockerd running? start it, or set DOCKER_HOST",
            _ when path is not null && !File.Exists(path) => $"no socket at {path}; start dockerd (or run scripts/setup.sh), or set DOCKER_HOST",
            _ => e.Message,
        };
    }

    private static T? Inner<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}

using System.Reflection;
using Backtrack.Engine;

namespace Backtrack.Tests.Engine;

/// <summary>
/// An engine whose container inspections answer from a script, one entry per call (the last one repeats):
/// a container, null (no such container) or an exception. Calls that return a bare Task (rename, start,
/// set restart policy, ...) succeed and are recorded; any other call is refused.
/// </summary>
public class ScriptedEngine : DispatchProxy
{
    private readonly Queue<object?> script = new();
    private object? last;

    public IContainerEngine Engine => (IContainerEngine)(object)this;

    public int Inspections { get; private set; }

    /// <summary>The recorded calls, as "Method arg1 arg2" (the cancellation token left out).</summary>
    public List<string> Calls { get; } = [];

    public static ScriptedEngine Answering(params object?[] answers)
    {
        var engine = (ScriptedEngine)(object)Create<IContainerEngine, ScriptedEngine>();
        foreach (var answer in answers)
        {
            engine.script.Enqueue(answer);
        }

        return engine;
    }

    public static ContainerDetails Container(bool running, string status, string name = "web") => new(
        "0123456789abcdef", name, "sha256:" + new string('0', 64),
        new ContainerState(status, running, null, 0, running ? 0 : 137, null),
        new ContainerSpec { Image = "web", HostConfigJson = "{}" },
        [], [], [], RestartPolicy.Of(RestartPolicy.AlwaysName, 0));

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.ReturnType == typeof(Task))
        {
            Calls.Add(string.Join(' ', [targetMethod.Name, .. (args ?? []).Where(a => a is not CancellationToken)]));
            return Task.CompletedTask;
        }

        if (targetMethod.Name != nameof(IContainerEngine.InspectContainerAsync))
        {
            throw new NotSupportedException(targetMethod.Name);
        }

        Inspections++;
        if (script.Count > 0)
        {
            last = script.Dequeue();
        }

        return last is Exception error ? Task.FromException<ContainerDetails?>(error) : Task.FromResult((ContainerDetails?)last);
    }
}

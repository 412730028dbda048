using System.Collections.Concurrent;

namespace Backtrack.Planning;

/// <summary>
/// What steps act through while they run: the operation's ID and clock, the services the wiring put in
/// (the engine, the environment, ...; typed accessors are extension members beside the wiring), and the
/// outputs steps publish for the operation's result (a verification report, a recorded release).
/// </summary>
public sealed class StepContext(string operationId, TimeProvider clock, IReadOnlyDictionary<Type, object> services)
{
    private ConcurrentQueue<object> outputs = new();

    public string OperationId { get; } = operationId;

    public TimeProvider Clock { get; } = clock;

    /// <summary>A service the wiring must have put in.</summary>
    public T Get<T>()
        where T : class =>
        Find<T>() ?? throw new InvalidOperationException($"no {typeof(T).Name} in this step context");

    public T? Find<T>()
        where T : class =>
        services.TryGetValue(typeof(T), out var service) ? (T)service : null;

    /// <summary>
    /// The same operation with some services replaced (another host's engine, ...): what a step wrapping
    /// another hands it. Outputs published there reach this context's outcome.
    /// </summary>
    public StepContext With(IReadOnlyDictionary<Type, object> replaced)
    {
        var merged = services.Where(s => !replaced.ContainsKey(s.Key)).Concat(replaced).ToDictionary(s => s.Key, s => s.Value);
        return new StepContext(OperationId, Clock, merged) { outputs = outputs };
    }

    /// <summary>Hands a result to the operation's outcome.</summary>
    public void Publish(object output) => outputs.Enqueue(output);

    public IReadOnlyList<T> Outputs<T>() => outputs.OfType<T>().ToList();
}

using Backtrack.Engine;

namespace Backtrack.Guard;

/// <summary>Judges one event as it arrives: a failure of what a window watches (unit ID to service), or null.</summary>
public interface IEventJudge
{
    Detection? Judge(EngineEvent engineEvent, IReadOnlyDictionary<string, string> watched);
}

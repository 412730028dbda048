namespace Backtrack.Engine;

/// <summary>A published port of a service: in <c>host</c> mode on the node that runs the task, in <c>ingress</c> mode through the routing mesh.</summary>
public sealed record ServicePort(uint Target, uint? Published, string Protocol, string Mode);

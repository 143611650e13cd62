using System.ComponentModel;

namespace Workflows;

/// <summary>
/// Marks a parameter that takes an explicit child instance ID. Explicit child IDs are the escape hatch from derived
/// IDs: they may contain the reserved markers, and the analyzers check constants passed here (WF2001, WF2004).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class ChildInstanceIdAttribute : Attribute;

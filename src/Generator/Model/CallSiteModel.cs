using Workflows.Generator.Helpers;

namespace Workflows.Generator.Model;

/// <summary>One intercepted call in workflow code.</summary>
/// <param name="Kind">What the call becomes.</param>
/// <param name="DurableName">The operation name it uses.</param>
/// <param name="InterceptsLocation">The attribute argument list that pins the interceptor to the call.</param>
/// <param name="DisplayLocation">file(line,column) of the call, for the generated comment.</param>
/// <param name="FilePath">The file holding the call, to order interceptors.</param>
/// <param name="Position">The call's offset in its file, to order interceptors.</param>
/// <param name="FileType">The type whose generated file holds the interceptor (the type containing the call).</param>
/// <param name="Target">The called method.</param>
/// <param name="TargetType">The called method's declaring type (a child workflow's input record is named after it).</param>
/// <param name="StepOptions">Property assignments of the step's options; empty for defaults.</param>
internal sealed record CallSiteModel(
    CallSiteKind Kind,
    string DurableName,
    string InterceptsLocation,
    string DisplayLocation,
    string FilePath,
    int Position,
    TypeKey FileType,
    MethodModel Target,
    TypeKey TargetType,
    EquatableArray<string> StepOptions);

using System.Collections.Generic;
using System.Linq;
using Workflows.Generator.Model;

namespace Workflows.Generator.Emitting;

/// <summary>Writes calls to user methods: directly when accessible, through [UnsafeAccessor] externs otherwise.</summary>
internal sealed class MethodCalls
{
    private readonly string _accessorsClass;
    private readonly Dictionary<string, (MethodModel Method, string Name)> _accessors = new(System.StringComparer.Ordinal);

    public MethodCalls(string accessorsClass) => _accessorsClass = accessorsClass;

    public bool HasAccessors => _accessors.Count > 0;

    /// <summary>The call expression; <paramref name="receiver"/> is the instance (ignored for static methods).</summary>
    public string Call(MethodModel method, string receiver, IEnumerable<string> arguments)
    {
        var typeArguments = method.TypeArguments.Count == 0 ? "" : "<" + string.Join(", ", method.TypeArguments) + ">";
        var args = arguments.ToList();
        if (method.IsAccessible)
        {
            var target = method.IsStatic ? method.ContainingType : receiver;
            return $"{target}.{method.Name}{typeArguments}({string.Join(", ", args)})";
        }
        if (!_accessors.TryGetValue(method.Signature, out var accessor))
        {
            accessor = (method, $"{Identifiers.Sanitize(method.Name)}_{_accessors.Count + 1}");
            _accessors[method.Signature] = accessor;
        }
        args.Insert(0, method.IsStatic ? "default!" : receiver);
        return $"{_accessorsClass}.{accessor.Name}{typeArguments}({string.Join(", ", args)})";
    }

    public void WriteAccessors(CodeWriter writer)
    {
        writer.Open($"file static class {_accessorsClass}");
        var first = true;
        foreach (var (method, name) in _accessors.Values.OrderBy(a => a.Name, System.StringComparer.Ordinal))
        {
            if (!first) writer.Line();
            first = false;
            var kind = method.IsStatic ? "StaticMethod" : "Method";
            var typeParameters = method.TypeParameters.Count == 0 ? "" : "<" + string.Join(", ", method.TypeParameters) + ">";
            var parameters = new[] { $"{method.ContainingType} target" }
                .Concat(method.Parameters.Select(p => $"{p.DefinitionType} {p.Name}"));
            var constraints = string.Concat(method.TypeParameterConstraints.Select(c => " " + c));
            writer.Line($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.{kind}, Name = {GeneratedCode.Literal(method.Name)})]");
            writer.Line($"public static extern {method.DefinitionReturnType} {name}{typeParameters}({string.Join(", ", parameters)}){constraints};");
        }
        writer.Close();
    }
}

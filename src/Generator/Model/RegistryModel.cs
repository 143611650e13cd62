using Workflows.Generator.Helpers;

namespace Workflows.Generator.Model;

/// <summary>The assembly's workflow list: each entry is the generated holder type and its definition field.</summary>
internal sealed record RegistryModel(EquatableArray<RegistryEntry> Entries);

/// <summary>Where one generated definition lives.</summary>
internal sealed record RegistryEntry(string HolderType, string Field);

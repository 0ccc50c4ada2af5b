using PaiImage.Core.Operations;

namespace PaiImage.Tool.ProjectSettings;

/// <summary>The evaluated properties (empty ones left out) and PaiImageLabel items of a project.</summary>
internal sealed record ProjectValues(string ProjectPath, IReadOnlyDictionary<string, string> Properties, IReadOnlyList<ImageLabel> Labels)
{
    public string? this[string property] => Properties.GetValueOrDefault(property);
}

using PaiImage.Core.Operations;

namespace PaiImage.Core.Json;

/// <summary>Body of AddImageLabels: <c>{"Labels":[{"Key":…,"Value":…}]}</c>.</summary>
internal sealed record AddImageLabelsBody(IReadOnlyList<ImageLabel> Labels);

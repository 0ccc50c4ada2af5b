using PaiImage.Core.Registration;

namespace PaiImage.Tool.Batch;

/// <summary>What a line of a batch file gets when it leaves WorkspaceId or IfExists out.</summary>
internal sealed record BatchDefaults(string? WorkspaceId, IfExistsPolicy IfExists);

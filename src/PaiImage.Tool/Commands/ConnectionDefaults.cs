namespace PaiImage.Tool.Commands;

/// <summary>Connection settings from a project: used where the command line gives none, before the environment variables.</summary>
internal sealed record ConnectionDefaults(string? RegionId, string? Endpoint, bool UseVpcEndpoint, string? ProfileName, string? WorkspaceId);

namespace PaiImage.Core.Registration;

/// <summary>What to do when the name is already registered in the workspace with another ImageUri.</summary>
public enum IfExistsPolicy
{
    /// <summary>Fail with a coded error (the default).</summary>
    Fail,

    /// <summary>Leave the existing registration alone and report it.</summary>
    Skip,

    /// <summary>Remove the existing registration, then add the new one.</summary>
    Replace,
}

/// <summary>How a registration ended.</summary>
public enum RegistrationOutcome
{
    /// <summary>A new image was registered.</summary>
    Created,

    /// <summary>The same name and ImageUri were already registered; nothing was sent to change it.</summary>
    Existing,

    /// <summary>An image of that name with another URI was removed and the new one registered.</summary>
    Replaced,

    /// <summary>An image of that name with another URI exists and was left alone (policy Skip).</summary>
    Skipped,
}

/// <summary>The result of <see cref="ImageRegistrar.RegisterAsync"/>.</summary>
public sealed record RegistrationResult(
    string ImageId,
    string? RequestId,
    string Name,
    string ImageUri,
    string? WorkspaceId,
    RegistrationOutcome Outcome);

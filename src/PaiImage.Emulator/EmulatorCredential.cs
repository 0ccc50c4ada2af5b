namespace PaiImage.Emulator;

/// <summary>An AccessKey pair (or STS triple when <see cref="SecurityToken"/> is set) the emulator accepts.</summary>
public sealed record EmulatorCredential(string AccessKeyId, string AccessKeySecret, string? SecurityToken = null)
{
    /// <summary>The emulator-only AccessKey pair accepted when no credential is configured.</summary>
    public static EmulatorCredential DefaultAccessKey { get; } = new("emulator-access-key-id", "emulator-access-key-secret");

    /// <summary>The emulator-only STS triple accepted when no credential is configured.</summary>
    public static EmulatorCredential DefaultSts { get; } =
        new("STS.emulator-sts-access-key-id", "emulator-sts-access-key-secret", "emulator-sts-security-token");

    /// <summary>The credentials accepted when none are configured.</summary>
    public static IReadOnlyList<EmulatorCredential> Defaults { get; } = [DefaultAccessKey, DefaultSts];

    public bool IsSts => SecurityToken is not null;

    /// <summary>True for the built-in emulator values, which are safe to print.</summary>
    public bool IsBuiltIn => this == DefaultAccessKey || this == DefaultSts;

    // Secrets never leave through ToString.
    public override string ToString() => IsSts ? $"STS {AccessKeyId}" : $"AccessKey {AccessKeyId}";
}

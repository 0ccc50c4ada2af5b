namespace PaiImage.Emulator;

/// <summary>One API request as the emulator saw and answered it; <see cref="Code"/> is null on success.</summary>
public sealed record RecordedRequest(
    DateTimeOffset Time, string Method, string Target, string? Action, int Status, string? Code, bool Aborted);

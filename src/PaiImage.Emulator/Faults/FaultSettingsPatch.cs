using System.Text.Json.Serialization;

namespace PaiImage.Emulator.Faults;

/// <summary>Body of POST /_emulator/faults: the fields present replace the current ones, the others stay.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record FaultSettingsPatch(
    int? FailNext, FaultKind? FailKind, int? RetryAfterMs, int? DelayMs, int? DropAfterStore, DropScope? DropScope,
    int? CutResponse, double? ClockShiftSeconds, int? RateLimitPerSecond, double? FaultRatio, int? Seed)
{
    public FaultSettings ApplyTo(FaultSettings current) => current with
    {
        FailNext = FailNext ?? current.FailNext,
        FailKind = FailKind ?? current.FailKind,
        RetryAfterMs = RetryAfterMs ?? current.RetryAfterMs,
        DelayMs = DelayMs ?? current.DelayMs,
        DropAfterStore = DropAfterStore ?? current.DropAfterStore,
        DropScope = DropScope ?? current.DropScope,
        CutResponse = CutResponse ?? current.CutResponse,
        ClockShiftSeconds = ClockShiftSeconds ?? current.ClockShiftSeconds,
        RateLimitPerSecond = RateLimitPerSecond ?? current.RateLimitPerSecond,
        FaultRatio = FaultRatio ?? current.FaultRatio,
        Seed = Seed ?? current.Seed,
    };
}

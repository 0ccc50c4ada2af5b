namespace PaiImage.Emulator.Faults;

/// <summary>What happens to one request: an early failure, or a drop/cut after it is processed.</summary>
internal sealed record FaultPlan(int DelayMs, FaultKind? Failure, int RetryAfterMs, bool RandomDrop, bool RandomCut);

using PaiImage.Emulator.Faults;

namespace PaiImage.Emulator;

/// <summary>How an <see cref="EmulatorServer"/> listens, what it accepts and which faults it starts with.</summary>
public sealed class EmulatorOptions
{
    /// <summary>TCP port; 0 picks a free one (read the result from <see cref="EmulatorServer.Endpoint"/>).</summary>
    public int Port { get; init; }

    /// <summary>Loopback host to bind: 127.0.0.1 (default), localhost or ::1.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>JSON file that persists the images across restarts; null keeps state in memory only.</summary>
    public string? DataFile { get; init; }

    /// <summary>WorkspaceId given to images added without one.</summary>
    public string DefaultWorkspaceId { get; init; } = "emulator-workspace";

    public IReadOnlyList<EmulatorCredential> Credentials { get; init; } = EmulatorCredential.Defaults;

    /// <summary>Faults active from the first request on.</summary>
    public FaultSettings Faults { get; init; } = new();

    /// <summary>The server clock before any <see cref="FaultSettings.ClockShiftSeconds"/> is added.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Called after every API request (not admin requests) with what was answered.</summary>
    public Action<RecordedRequest>? RequestObserver { get; init; }
}

using System.Globalization;
using PaiImage.Emulator.Faults;

namespace PaiImage.Emulator.Cli;

/// <summary>What the command line asks for.</summary>
internal sealed record CliSettings(EmulatorOptions Options, string? EndpointFile, bool Quiet, bool Help);

/// <summary>Parses the emulator's command line; throws <see cref="ArgumentException"/> with a user-facing message.</summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage: pai-image-emulator [options]

        Serves the PAI AIWorkspace image API (2021-02-04) on loopback for offline tests.

        Options:
          --port N                 TCP port; 0 = any free port (default 0)
          --host HOST              127.0.0.1 (default), localhost or ::1 — loopback only
          --data FILE              persist images in FILE across restarts (default: memory only)
          --workspace-default ID   WorkspaceId for images added without one (default emulator-workspace)
          --access-key ID:SECRET   accept this AccessKey pair (repeatable; replaces the built-in credentials)
          --sts ID:SECRET:TOKEN    accept this STS triple (repeatable; replaces the built-in credentials)
          --endpoint-file PATH     write the endpoint URL to PATH once listening
          --fail-next N            fail the next N API requests
          --fail-status KIND       500, 503 or throttling (default 500)
          --retry-after-ms N       x-acs-retry-after on injected throttling (default 1000)
          --delay-ms N             delay every API response by N ms
          --drop-after-store N     abort the connection after N successful stores instead of answering
          --drop-scope SCOPE       AddImage (default) or Any: which requests --drop-after-store counts
          --cut-response N         cut the next N responses short (Content-Length larger than what is sent)
          --clock-shift SECONDS    shift the server clock (may be negative or fractional)
          --rate-limit N           answer Throttling.User beyond N API requests per second
          --fault-ratio R          share 0-1 of requests that get a random fault
          --seed N                 seed of the random faults (default 0)
          --quiet                  print only the endpoint, not the credentials and requests
          --help                   show this help
        """;

    public static CliSettings Parse(IReadOnlyList<string> args)
    {
        var port = 0;
        var host = "127.0.0.1";
        string? data = null;
        var workspace = new EmulatorOptions().DefaultWorkspaceId;
        var credentials = new List<EmulatorCredential>();
        string? endpointFile = null;
        var faults = new FaultSettings();
        var quiet = false;

        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option {option} needs a value.");

            switch (option)
            {
                case "--help" or "-h" or "-?":
                    return new CliSettings(new EmulatorOptions(), null, quiet, Help: true);
                case "--port": port = Int(option, Value(), 0, 65535); break;
                case "--host": host = Value(); break;
                case "--data": data = Value(); break;
                case "--workspace-default": workspace = NonEmpty(option, Value()); break;
                case "--access-key": credentials.Add(Credential(option, Value(), parts: 2)); break;
                case "--sts": credentials.Add(Credential(option, Value(), parts: 3)); break;
                case "--endpoint-file": endpointFile = Value(); break;
                case "--fail-next": faults = faults with { FailNext = Int(option, Value()) }; break;
                case "--fail-status": faults = faults with { FailKind = Kind(Value()) }; break;
                case "--retry-after-ms": faults = faults with { RetryAfterMs = Int(option, Value()) }; break;
                case "--delay-ms": faults = faults with { DelayMs = Int(option, Value()) }; break;
                case "--drop-after-store": faults = faults with { DropAfterStore = Int(option, Value()) }; break;
                case "--drop-scope": faults = faults with { DropScope = Scope(Value()) }; break;
                case "--cut-response": faults = faults with { CutResponse = Int(option, Value()) }; break;
                case "--clock-shift": faults = faults with { ClockShiftSeconds = Double(option, Value(), double.MinValue, double.MaxValue) }; break;
                case "--rate-limit": faults = faults with { RateLimitPerSecond = Int(option, Value()) }; break;
                case "--fault-ratio": faults = faults with { FaultRatio = Double(option, Value(), 0, 1) }; break;
                case "--seed": faults = faults with { Seed = Int(option, Value(), int.MinValue, int.MaxValue) }; break;
                case "--quiet": quiet = true; break;
                default: throw new ArgumentException($"Unknown option '{option}'. Run with --help to list the options.");
            }
        }

        var options = new EmulatorOptions
        {
            Port = port,
            Host = host,
            DataFile = data,
            DefaultWorkspaceId = workspace,
            Credentials = credentials.Count > 0 ? credentials : EmulatorCredential.Defaults,
            Faults = faults,
        };
        return new CliSettings(options, endpointFile, quiet, Help: false);
    }

    private static int Int(string option, string value, int min = 0, int max = int.MaxValue) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new ArgumentException($"Option {option} needs a whole number from {min} to {max}, got '{value}'.");

    private static double Double(string option, string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new ArgumentException($"Option {option} needs a number from {min} to {max}, got '{value}'.");

    private static string NonEmpty(string option, string value) =>
        value.Length > 0 ? value : throw new ArgumentException($"Option {option} needs a non-empty value.");

    private static EmulatorCredential Credential(string option, string value, int parts)
    {
        var pieces = value.Split(':');
        if (pieces.Length != parts || pieces.Any(p => p.Length == 0))
        {
            // The value holds a secret: never echo it.
            throw new ArgumentException($"Option {option} needs {(parts == 2 ? "ID:SECRET" : "ID:SECRET:TOKEN")} with no empty part.");
        }

        return new EmulatorCredential(pieces[0], pieces[1], parts == 3 ? pieces[2] : null);
    }

    private static FaultKind Kind(string value) => value.ToUpperInvariant() switch
    {
        "500" or "INTERNALERROR" => FaultKind.InternalError,
        "503" or "SERVICEUNAVAILABLE" => FaultKind.ServiceUnavailable,
        "THROTTLING" or "429" => FaultKind.Throttling,
        _ => throw new ArgumentException($"Option --fail-status needs 500, 503 or throttling, got '{value}'."),
    };

    private static DropScope Scope(string value) => value.ToUpperInvariant() switch
    {
        "ADDIMAGE" => DropScope.AddImage,
        "ANY" => DropScope.Any,
        _ => throw new ArgumentException($"Option --drop-scope needs AddImage or Any, got '{value}'."),
    };
}

using System.Globalization;
using PaiImage.Core;

namespace PaiImage.Tool.Commands;

/// <summary>
/// Test-only knobs for --dry-run: PAI_IMAGE_DRY_RUN_NOW (an ISO-8601 time) and PAI_IMAGE_DRY_RUN_NONCE fix the
/// x-acs-date and nonce so a printed signature can be compared with known vectors. Real requests ignore them.
/// </summary>
internal static class DryRunClock
{
    public const string NowVariable = "PAI_IMAGE_DRY_RUN_NOW";
    public const string NonceVariable = "PAI_IMAGE_DRY_RUN_NONCE";

    public static PaiClientOptions Apply(PaiClientOptions options, CliHost host)
    {
        if (host.GetEnvironmentVariable(NowVariable) is { } now
            && DateTimeOffset.TryParse(now, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var fixedNow))
        {
            options.TimeProvider = new FixedTimeProvider(fixedNow);
        }

        if (host.GetEnvironmentVariable(NonceVariable) is { } nonce)
        {
            options.NonceFactory = () => nonce;
        }

        return options;
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

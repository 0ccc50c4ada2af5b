using PaiImage.Core.Errors;

namespace PaiImage.Tool.Output;

/// <summary>
/// Writes failures to stderr as one line, <c>error PAI####: message Fix: fix</c>, the canonical form
/// MSBuild's Exec task turns into a coded diagnostic.
/// </summary>
internal sealed class ErrorReporter(CliHost host)
{
    // Core errors are secret-free by contract; this is a second line of defence for the unexpected ones.
    private static readonly string[] SecretVariables =
        ["ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN"];

    public void Report(string code, string message, string? fix) =>
        WriteLine(fix is null ? $"error {code}: {message}" : $"error {code}: {message} Fix: {fix}");

    public void Report(PaiException exception) => WriteLine($"error {exception.ToDiagnosticLine()}");

    public void ReportCanceled() => WriteLine("pai-image: canceled.");

    public void ReportUnexpected(Exception exception) =>
        WriteLine(host.IsDebug
            ? $"error: pai-image failed unexpectedly: {exception}"
            : $"error: pai-image failed unexpectedly: {exception.GetType().Name}: {exception.Message} (set PAI_IMAGE_DEBUG=1 for details)");

    private void WriteLine(string text)
    {
        var line = host.IsDebug ? text : OneLine(text);
        host.Error.WriteLine(Redact(line));
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private string Redact(string text)
    {
        foreach (var name in SecretVariables)
        {
            if (host.GetEnvironmentVariable(name) is { Length: >= 4 } secret)
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }
}

using Microsoft.Extensions.Logging;

namespace PaiImage.Tool.Output;

/// <summary>The --verbose log: one line per message on stderr, prefixed so it is told apart from errors.</summary>
internal sealed class StderrLogger(TextWriter error) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            error.WriteLine($"pai-image: {formatter(state, exception)}");
        }
    }
}

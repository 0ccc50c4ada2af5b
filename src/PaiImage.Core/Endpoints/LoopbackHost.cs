using System.Net;

namespace PaiImage.Core.Endpoints;

/// <summary>Whether a host is this machine: <c>localhost</c>, 127.0.0.0/8 or ::1.</summary>
internal static class LoopbackHost
{
    public static bool Is(string host)
    {
        var bare = host.TrimStart('[').TrimEnd(']');
        return bare.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address));
    }
}

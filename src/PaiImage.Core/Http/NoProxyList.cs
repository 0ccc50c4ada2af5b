using System.Globalization;
using System.Net;

namespace PaiImage.Core.Http;

/// <summary>
/// The NO_PROXY list: comma-separated entries, each <c>*</c> (everything), a host name matched with its
/// subdomains (a leading dot is optional), or an IP address; any of them may end with <c>:port</c>.
/// </summary>
internal sealed class NoProxyList
{
    private readonly List<Entry> entries;
    private readonly bool matchesEverything;

    private NoProxyList(List<Entry> entries, bool matchesEverything)
    {
        this.entries = entries;
        this.matchesEverything = matchesEverything;
    }

    public static NoProxyList Parse(string? value)
    {
        var entries = new List<Entry>();
        var everything = false;
        foreach (var raw in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw == "*")
            {
                everything = true;
            }
            else
            {
                entries.Add(Entry.Parse(raw.ToLowerInvariant()));
            }
        }

        return new NoProxyList(entries, everything);
    }

    public bool Matches(string host, int port)
    {
        if (matchesEverything)
        {
            return true;
        }

        var bareHost = host.TrimStart('[').TrimEnd(']').ToLowerInvariant();
        var address = IPAddress.TryParse(bareHost, out var parsed) ? parsed : null;
        foreach (var entry in entries)
        {
            if (entry.Matches(bareHost, address, port))
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Entry(string Host, IPAddress? Address, int? Port)
    {
        public static Entry Parse(string text)
        {
            var (host, port) = SplitPort(text);
            host = host.TrimStart('[').TrimEnd(']');
            return IPAddress.TryParse(host, out var address)
                ? new Entry(host, address, port)
                : new Entry(host.TrimStart('.'), null, port);
        }

        public bool Matches(string host, IPAddress? address, int port)
        {
            if (Port is { } required && required != port)
            {
                return false;
            }

            return Address is not null
                ? address is not null && Address.Equals(address)
                : host == Host || host.EndsWith("." + Host, StringComparison.Ordinal);
        }

        /// <summary>Splits <c>host:port</c>, <c>[v6]:port</c>; a bare IPv6 address has no port.</summary>
        private static (string Host, int? Port) SplitPort(string text)
        {
            var colon = text.LastIndexOf(':');
            var isBareIpv6 = text.Count(c => c == ':') > 1 && !text.StartsWith('[');
            if (colon < 0 || isBareIpv6 || (text.StartsWith('[') && colon < text.IndexOf(']', StringComparison.Ordinal)))
            {
                return (text, null);
            }

            return int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                ? (text[..colon], port)
                : (text, null);
        }
    }
}

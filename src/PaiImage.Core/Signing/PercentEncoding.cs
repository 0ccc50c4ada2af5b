using System.Text;

namespace PaiImage.Core.Signing;

/// <summary>
/// RFC 3986 percent-encoding as Alibaba's signatures require: UTF-8 bytes, only <c>A–Z a–z 0–9 - _ . ~</c>
/// left as they are, everything else <c>%XX</c> in upper case (so space is <c>%20</c>, <c>*</c> is <c>%2A</c>).
/// Written by hand because framework encoders differ on <c>!'()*</c> between versions.
/// </summary>
public static class PercentEncoding
{
    private const string HexDigits = "0123456789ABCDEF";

    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsAllUnreserved(value))
        {
            return value;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsUnreserved((char)b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes <c>%XX</c> sequences (and nothing else; <c>+</c> stays <c>+</c>) as UTF-8.</summary>
    public static string Decode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;
    }

    private static bool IsAllUnreserved(string value)
    {
        foreach (var c in value)
        {
            if (!IsUnreserved(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnreserved(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';
}

using System.Text;

namespace PaiImage.Emulator.Signing;

/// <summary>The RFC 3986 percent-encoding the V3 signature uses: only A–Z a–z 0–9 - _ . ~ stay literal.</summary>
internal static class Rfc3986
{
    private const string Hex = "0123456789ABCDEF";

    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (IsUnreserved(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes %XX escapes only; '+' stays a plus sign, as RFC 3986 says.</summary>
    public static string Decode(string value) => Uri.UnescapeDataString(value);

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
}

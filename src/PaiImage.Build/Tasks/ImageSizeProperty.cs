using System.Globalization;
using Microsoft.Build.Utilities;
using PaiImage.Build.Resources;

namespace PaiImage.Build.Tasks;

/// <summary>Reads <c>PaiImageSize</c>, which both tasks accept, the same way in each.</summary>
internal static class ImageSizeProperty
{
    /// <summary>Null when unset; logs a coded error and returns null when it is not a positive whole number of GB.</summary>
    public static long? Parse(string value, TaskLoggingHelper log)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var gigabytes) && gigabytes > 0)
        {
            return gigabytes;
        }

        log.LogErrorWithCodeFromResources(nameof(Strings.InvalidImageSize), value);
        return null;
    }
}

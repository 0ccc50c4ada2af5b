using System.Text.Json;

namespace PaiImage.Build;

/// <summary>The size PAI records for an image, in whole gigabytes, from the manifests the SDK pushed.</summary>
internal static class ManifestSize
{
    private const long BytesPerGigabyte = 1L << 30;

    /// <summary>Config plus layer sizes of the largest manifest, rounded up to GB; null when no manifest can be read.</summary>
    public static long? InGigabytes(IEnumerable<string> manifests)
    {
        long? largest = null;
        foreach (var manifest in manifests)
        {
            var bytes = TotalBytes(manifest);
            if (bytes is not null && (largest is null || bytes > largest))
            {
                largest = bytes;
            }
        }

        return largest is null ? null : (largest.Value + BytesPerGigabyte - 1) / BytesPerGigabyte;
    }

    private static long? TotalBytes(string manifest)
    {
        if (string.IsNullOrWhiteSpace(manifest))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(manifest);
            var root = document.RootElement;
            if (!root.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var total = SizeOf(root.TryGetProperty("config", out var config) ? config : default);
            foreach (var layer in layers.EnumerateArray())
            {
                total += SizeOf(layer);
            }

            return total;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long SizeOf(JsonElement descriptor) =>
        descriptor.ValueKind == JsonValueKind.Object && descriptor.TryGetProperty("size", out var size) && size.TryGetInt64(out var bytes) ? bytes : 0;
}

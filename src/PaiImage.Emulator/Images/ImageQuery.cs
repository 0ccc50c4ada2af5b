using System.Globalization;
using PaiImage.Emulator.Hosting;

namespace PaiImage.Emulator.Images;

/// <summary>ListImages filters, sorting and paging (pai-protocol.md §1.5).</summary>
internal sealed record ImageQuery(
    string? WorkspaceId, string? Name, string? Text, string? ImageUri, IReadOnlyList<ImageLabel> Labels,
    string? Accessibility, string SortBy, bool Descending, int PageNumber, int PageSize, bool Verbose)
{
    public const int MaxPageSize = 100;

    private static readonly string[] SortFields = ["GmtCreateTime", "GmtModifiedTime", "Name"];

    public static ImageQuery Parse(ApiRequest request)
    {
        var accessibility = request.Query("Accessibility");
        if (accessibility is not null and not ImageRules.Public and not ImageRules.Private)
        {
            throw ApiException.InvalidParameter($"Accessibility '{accessibility}' is invalid: use PUBLIC or PRIVATE.");
        }

        var sortBy = request.Query("SortBy") ?? "GmtCreateTime";
        sortBy = SortFields.FirstOrDefault(f => string.Equals(f, sortBy, StringComparison.OrdinalIgnoreCase))
            ?? throw ApiException.InvalidParameter($"SortBy '{sortBy}' is invalid: use one of {string.Join(", ", SortFields)}.");

        var order = request.Query("Order") ?? "ASC";
        if (!order.Equals("ASC", StringComparison.OrdinalIgnoreCase) && !order.Equals("DESC", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiException.InvalidParameter($"Order '{order}' is invalid: use ASC or DESC.");
        }

        return new ImageQuery(
            request.Query("WorkspaceId"),
            request.Query("Name"),
            request.Query("Query"),
            request.Query("ImageUri"),
            ParseConditions(request.Query("Labels"), "Labels"),
            accessibility,
            sortBy,
            order.Equals("DESC", StringComparison.OrdinalIgnoreCase),
            ParseInt(request, "PageNumber", 1, 1, int.MaxValue),
            ParseInt(request, "PageSize", 20, 1, MaxPageSize),
            ParseBoolean(request, "Verbose"));
    }

    /// <summary>Parses "k1=v1,k2=v2".</summary>
    public static IReadOnlyList<ImageLabel> ParseConditions(string? value, string parameter)
    {
        if (value is null)
        {
            return [];
        }

        return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(condition =>
        {
            var equals = condition.IndexOf('=', StringComparison.Ordinal);
            return equals > 0
                ? new ImageLabel(condition[..equals], condition[(equals + 1)..])
                : throw ApiException.InvalidParameter($"{parameter} condition '{condition}' is invalid: use key=value, separated by commas.");
        }).ToList();
    }

    public static bool ParseBoolean(ApiRequest request, string name) => request.Query(name) switch
    {
        null => false,
        var v when v.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        var v when v.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        var v => throw ApiException.InvalidParameter($"{name} '{v}' is invalid: use true or false."),
    };

    public IReadOnlyList<StoredImage> Apply(IEnumerable<StoredImage> images)
    {
        var matches = images
            .Where(i => WorkspaceId is null || i.WorkspaceId == WorkspaceId)
            .Where(i => Name is null || i.Name.Contains(Name, StringComparison.OrdinalIgnoreCase))
            .Where(i => Text is null || i.Name.Contains(Text, StringComparison.OrdinalIgnoreCase)
                || (i.Description?.Contains(Text, StringComparison.OrdinalIgnoreCase) ?? false))
            .Where(i => ImageUri is null || i.ImageUri == ImageUri)
            .Where(i => Labels.All(i.Labels.Contains))
            .Where(i => Accessibility is null || i.Accessibility == Accessibility);

        Func<StoredImage, string> key = SortBy switch
        {
            "Name" => i => i.Name,
            "GmtModifiedTime" => i => EmulatorClock.Format(i.GmtModifiedTime),
            _ => i => EmulatorClock.Format(i.GmtCreateTime),
        };
        var sorted = Descending
            ? matches.OrderByDescending(key, StringComparer.Ordinal).ThenByDescending(i => i.Sequence)
            : matches.OrderBy(key, StringComparer.Ordinal).ThenBy(i => i.Sequence);
        return sorted.ToList();
    }

    private static int ParseInt(ApiRequest request, string name, int defaultValue, int min, int max)
    {
        var value = request.Query(name);
        if (value is null)
        {
            return defaultValue;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw ApiException.InvalidParameter($"{name} '{value}' is invalid: use a whole number from {min} to {max}.");
    }
}

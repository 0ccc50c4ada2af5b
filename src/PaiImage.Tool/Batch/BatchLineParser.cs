using System.Text.Json;
using PaiImage.Core.Errors;
using PaiImage.Core.Operations;
using PaiImage.Core.Registration;

namespace PaiImage.Tool.Batch;

/// <summary>
/// Reads one line of a batch file: a JSON object with AddImage's field names (case-sensitive) and optionally
/// IfExists (fail, skip or replace). Rules of the values themselves are left to the core's validator.
/// </summary>
internal static class BatchLineParser
{
    private const string FieldList = "Name, ImageUri, WorkspaceId, Accessibility, Description, Labels, Size, ImageId, SourceType, SourceId and IfExists";

    /// <exception cref="PaiValidationException">The line is not a JSON object of those fields (PAI2124, PAI2125).</exception>
    public static (AddImageRequest Request, IfExistsPolicy? IfExists) Parse(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            throw NotAnImage($"The line is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw NotAnImage($"The line is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object.");
            }

            return Read(root);
        }
    }

    private static (AddImageRequest Request, IfExistsPolicy? IfExists) Read(JsonElement image)
    {
        string? name = null, imageUri = null, workspaceId = null, accessibility = null, description = null, imageId = null, sourceType = null, sourceId = null;
        IReadOnlyList<ImageLabel>? labels = null;
        long? size = null;
        IfExistsPolicy? ifExists = null;
        foreach (var field in image.EnumerateObject())
        {
            switch (field.Name)
            {
                case "Name": name = Text(field); break;
                case "ImageUri": imageUri = Text(field); break;
                case "WorkspaceId": workspaceId = Text(field); break;
                case "Accessibility": accessibility = Text(field); break;
                case "Description": description = Text(field); break;
                case "ImageId": imageId = Text(field); break;
                case "SourceType": sourceType = Text(field); break;
                case "SourceId": sourceId = Text(field); break;
                case "Labels": labels = Labels(field); break;
                case "Size": size = Size(field); break;
                case "IfExists": ifExists = Policy(field); break;
                default: throw BadField(field.Name, "is not a field of an image", $"Use only {FieldList} (names are case-sensitive).");
            }
        }

        var request = new AddImageRequest
        {
            Name = name ?? string.Empty,
            ImageUri = imageUri ?? string.Empty,
            WorkspaceId = workspaceId,
            Accessibility = accessibility,
            Description = description,
            Labels = labels,
            Size = size,
            ImageId = imageId,
            SourceType = sourceType,
            SourceId = sourceId,
        };
        return (request, ifExists);
    }

    private static string? Text(JsonProperty field) => field.Value.ValueKind switch
    {
        JsonValueKind.String => field.Value.GetString(),
        JsonValueKind.Null => null,
        _ => throw BadField(field.Name, $"is a JSON {Kind(field.Value)}, not a string", $"Write {field.Name} as a string in double quotes."),
    };

    private static long? Size(JsonProperty field) => field.Value.ValueKind switch
    {
        JsonValueKind.Number when field.Value.TryGetInt64(out var gigabytes) => gigabytes,
        JsonValueKind.Null => null,
        _ => throw BadField(field.Name, "is not a whole number", "Give Size in whole GB, e.g. \"Size\": 4."),
    };

    private static IfExistsPolicy? Policy(JsonProperty field) => Text(field)?.ToLowerInvariant() switch
    {
        null => null,
        "fail" => IfExistsPolicy.Fail,
        "skip" => IfExistsPolicy.Skip,
        "replace" => IfExistsPolicy.Replace,
        _ => throw BadField(field.Name, "is not fail, skip or replace", "Write \"IfExists\": \"fail\", \"skip\" or \"replace\", or leave it out to use --if-exists."),
    };

    private static List<ImageLabel>? Labels(JsonProperty field)
    {
        const string Fix = "Write Labels as an array of objects, e.g. \"Labels\": [{\"Key\": \"system.chipType\", \"Value\": \"GPU\"}].";
        if (field.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (field.Value.ValueKind != JsonValueKind.Array)
        {
            throw BadField(field.Name, $"is a JSON {Kind(field.Value)}, not an array", Fix);
        }

        var labels = new List<ImageLabel>();
        foreach (var label in field.Value.EnumerateArray())
        {
            if (label.ValueKind != JsonValueKind.Object
                || !label.TryGetProperty("Key", out var key) || key.ValueKind != JsonValueKind.String
                || !label.TryGetProperty("Value", out var value) || value.ValueKind != JsonValueKind.String
                || label.EnumerateObject().Count() != 2)
            {
                throw BadField($"Labels[{labels.Count}]", "is not an object with the strings Key and Value", Fix);
            }

            labels.Add(new ImageLabel(key.GetString()!, value.GetString()!));
        }

        return labels;
    }

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();

    private static PaiValidationException NotAnImage(string message) => new(
    [
        new ValidationError(
            BatchErrorCodes.NotAJsonObject,
            "line",
            null,
            message,
            "Write one JSON object per line, e.g. {\"Name\": \"my-app\", \"ImageUri\": \"registry.example.com/team/app:1.0\"}; start comments with #."),
    ]);

    private static PaiValidationException BadField(string field, string problem, string fix) =>
        new([new ValidationError(BatchErrorCodes.BadField, field, null, $"The field {field} {problem}.", fix)]);
}

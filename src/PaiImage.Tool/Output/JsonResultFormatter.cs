using System.Text;
using System.Text.Json;
using PaiImage.Core.Operations;
using PaiImage.Core.Registration;

namespace PaiImage.Tool.Output;

/// <summary>One JSON document per command, with the API's PascalCase names; null members are left out.</summary>
internal sealed partial class JsonResultFormatter(TextWriter output) : IResultFormatter
{
    public void WriteRegistration(RegistrationResult result) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("ImageId", result.ImageId);
        // Every documented field is always present: RequestId is null when nothing was sent (Outcome existing).
        json.WriteString("RequestId", result.RequestId);
        json.WriteString("Name", result.Name);
        json.WriteString("ImageUri", result.ImageUri);
        json.WriteString("WorkspaceId", result.WorkspaceId);
        json.WriteString("Outcome", result.Outcome.ToLowerName());
        json.WriteEndObject();
    });

    public void WriteImages(long totalCount, IReadOnlyList<ImageInfo> images) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("TotalCount", totalCount);
        json.WriteStartArray("Images");
        foreach (var image in images)
        {
            WriteImageObject(json, image);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    public void WriteImage(ImageInfo image) => Write(json => WriteImageObject(json, image));

    public void WriteRemoval(string imageId, string? requestId) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("ImageId", imageId);
        WriteIfPresent(json, "RequestId", requestId);
        json.WriteEndObject();
    });

    private static void WriteImageObject(Utf8JsonWriter json, ImageInfo image)
    {
        json.WriteStartObject();
        WriteIfPresent(json, "ImageId", image.ImageId);
        WriteIfPresent(json, "Name", image.Name);
        WriteIfPresent(json, "ImageUri", image.ImageUri);
        WriteIfPresent(json, "WorkspaceId", image.WorkspaceId);
        WriteIfPresent(json, "Accessibility", image.Accessibility);
        WriteIfPresent(json, "Description", image.Description);
        if (image.Labels is { } labels)
        {
            WriteLabelArray(json, labels);
        }

        if (image.Size is { } size)
        {
            json.WriteNumber("Size", size);
        }

        WriteIfPresent(json, "SourceType", image.SourceType);
        WriteIfPresent(json, "SourceId", image.SourceId);
        WriteIfPresent(json, "GmtCreateTime", image.GmtCreateTime);
        WriteIfPresent(json, "GmtModifiedTime", image.GmtModifiedTime);
        WriteIfPresent(json, "ParentUserId", image.ParentUserId);
        WriteIfPresent(json, "UserId", image.UserId);
        json.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private void Write(Action<Utf8JsonWriter> writeDocument)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writeDocument(json);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static void WriteLabelArray(Utf8JsonWriter json, IReadOnlyList<ImageLabel> labels)
    {
        json.WriteStartArray("Labels");
        foreach (var label in labels)
        {
            json.WriteStartObject();
            json.WriteString("Key", label.Key);
            json.WriteString("Value", label.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}

using System.Text;
using System.Text.Json;
using PaiImage.Tool.Output;

namespace PaiImage.Tool.Batch;

/// <summary>One compact JSON object per image on stdout (JSON lines); null members are left out.</summary>
internal sealed class JsonBatchReport(int total, TextWriter output, TextWriter error) : BatchReport(total, error)
{
    protected override void Show(BatchOutcome outcome)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("Line", outcome.Line);
            WriteIfPresent(json, "Name", outcome.Name);
            if (outcome.Result is { } result)
            {
                json.WriteString("ImageUri", result.ImageUri);
                json.WriteString("ImageId", result.ImageId);
                WriteIfPresent(json, "RequestId", result.RequestId);
                WriteIfPresent(json, "WorkspaceId", result.WorkspaceId);
                json.WriteString("Outcome", result.Outcome.ToLowerName());
            }
            else
            {
                var failure = outcome.Error!;
                json.WriteStartObject("Error");
                json.WriteString("Code", failure.Code);
                json.WriteString("Message", failure.Message);
                WriteIfPresent(json, "Fix", failure.Fix);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}

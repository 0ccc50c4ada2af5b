using System.Text.Json.Serialization;
using PaiImage.Core.Operations;

namespace PaiImage.Core.Json;

/// <summary>
/// Source-generated JSON metadata for every body the client writes or reads (no reflection, so trimming and
/// Native AOT keep working). Writes compact PascalCase without nulls; reads any casing, ignores unknown
/// members and accepts numbers sent as strings.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    WriteIndented = false)]
[JsonSerializable(typeof(AddImageRequest))]
[JsonSerializable(typeof(AddImageLabelsBody))]
[JsonSerializable(typeof(AddImageResponse))]
[JsonSerializable(typeof(ListImagesResponse))]
[JsonSerializable(typeof(ImageInfo))]
[JsonSerializable(typeof(ServiceAcknowledgement))]
[JsonSerializable(typeof(ListImageLabelsResponse))]
internal sealed partial class PaiJsonContext : JsonSerializerContext;

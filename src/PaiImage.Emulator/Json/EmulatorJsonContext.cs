using System.Text.Json.Serialization;
using PaiImage.Emulator.Faults;
using PaiImage.Emulator.Images;

namespace PaiImage.Emulator.Json;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(AddImageRequest))]
[JsonSerializable(typeof(AddImageLabelsRequest))]
[JsonSerializable(typeof(RequestIdResponse))]
[JsonSerializable(typeof(ImageIdResponse))]
[JsonSerializable(typeof(ImageBody))]
[JsonSerializable(typeof(ListImagesResponse))]
[JsonSerializable(typeof(ListImageLabelsResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(FaultSettings))]
[JsonSerializable(typeof(FaultSettingsPatch))]
[JsonSerializable(typeof(EmulatorStateResponse))]
[JsonSerializable(typeof(PersistedState))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext;

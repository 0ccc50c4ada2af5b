using System.Text;
using System.Text.Json;
using PaiImage.Core.Json;
using PaiImage.Core.Operations;

namespace PaiImage.Core.Tests.Client;

[TestClass]
public sealed class PaiJsonContextTests
{
    [TestMethod]
    public void AddImage_body_is_compact_alphabetical_and_omits_nulls_like_the_signing_vector()
    {
        var request = new AddImageRequest
        {
            Name = "my-app",
            ImageUri = "registry.cn-hangzhou.aliyuncs.com/my-ns/my-app:1.0.0",
            WorkspaceId = "12345",
            Accessibility = "PRIVATE",
            Labels = [new ImageLabel("system.chipType", "GPU")],
        };

        var body = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(request, PaiJsonContext.Default.AddImageRequest));

        Assert.AreEqual(
            """{"Accessibility":"PRIVATE","ImageUri":"registry.cn-hangzhou.aliyuncs.com/my-ns/my-app:1.0.0","Labels":[{"Key":"system.chipType","Value":"GPU"}],"Name":"my-app","WorkspaceId":"12345"}""",
            body);
    }

    [TestMethod]
    public void Every_AddImage_field_is_written_in_alphabetical_order()
    {
        var request = new AddImageRequest
        {
            Name = "n", ImageUri = "u", WorkspaceId = "w", Accessibility = "PUBLIC", Description = "d",
            Labels = [], Size = 3, ImageId = "i", SourceType = "st", SourceId = "si",
        };

        var names = JsonDocument.Parse(JsonSerializer.Serialize(request, PaiJsonContext.Default.AddImageRequest)).RootElement.EnumerateObject().Select(p => p.Name).ToArray();

        CollectionAssert.AreEqual(names.Order(StringComparer.Ordinal).ToArray(), names);
        Assert.HasCount(10, names);
    }

    [TestMethod]
    public void Replies_are_read_in_any_casing_with_unknown_members_and_numbers_as_strings()
    {
        var added = JsonSerializer.Deserialize("""{"requestId":"r-1","imageid":"image-1","Extra":{"x":1}}""", PaiJsonContext.Default.AddImageResponse)!;
        var listed = JsonSerializer.Deserialize(
            """{"RequestId":"r-2","TotalCount":"2","Images":[{"ImageId":"image-2","Size":"5","labels":[{"key":"k","value":"v"}],"Unknown":true}]}""",
            PaiJsonContext.Default.ListImagesResponse)!;

        Assert.AreEqual("r-1", added.RequestId);
        Assert.AreEqual("image-1", added.ImageId);
        Assert.AreEqual(2, listed.TotalCount);
        Assert.AreEqual(5L, listed.Images[0].Size);
        Assert.AreEqual(new ImageLabel("k", "v"), listed.Images[0].Labels![0]);
    }
}

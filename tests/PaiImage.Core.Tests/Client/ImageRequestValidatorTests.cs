using PaiImage.Core.Errors;
using PaiImage.Core.Operations;
using PaiImage.Core.Validation;

namespace PaiImage.Core.Tests.Client;

[TestClass]
public sealed class ImageRequestValidatorTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static readonly AddImageRequest Valid = new()
    {
        Name = "my-app",
        ImageUri = "registry.cn-hangzhou.aliyuncs.com/my-ns/my-app:1.0.0",
        WorkspaceId = "12345",
        Accessibility = "PRIVATE",
        Labels = [new ImageLabel("system.chipType", "GPU")],
    };

    [TestMethod]
    public void A_valid_request_passes() => ImageRequestValidator.ThrowIfInvalid(Valid);

    [TestMethod]
    [DataRow("a")]
    [DataRow("my-app")]
    [DataRow("app-1-2")]
    [DataRow("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij")]
    public void Name_accepts_lowercase_letters_digits_and_hyphens_starting_with_a_letter(string name) =>
        ImageRequestValidator.ThrowIfInvalid(Valid with { Name = name });

    [TestMethod]
    [DataRow("", "PAI2001")]
    [DataRow("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijk", "PAI2002")]
    [DataRow("My-App", "PAI2003")]
    [DataRow("1app", "PAI2003")]
    [DataRow("-app", "PAI2003")]
    [DataRow("my_app", "PAI2003")]
    [DataRow("my app", "PAI2003")]
    [DataRow("app\n", "PAI2003")]
    public void Name_rules(string name, string code) =>
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalid(Valid with { Name = name }), code);

    [TestMethod]
    [DataRow("registry.cn-hangzhou.aliyuncs.com/pai-compression/nlp:gpu")]
    [DataRow("localhost:5000/app")]
    [DataRow("localhost/app:latest")]
    [DataRow("127.0.0.1:5000/ns/app:1.0.0")]
    [DataRow("[::1]:5000/app:latest")]
    [DataRow("registry.example.com/a/b/c__d.e-f--g:V1_2.3-x")]
    [DataRow("registry.example.com/ns/app@" + Digest)]
    [DataRow("registry.example.com/ns/app:1.0@" + Digest)]
    public void ImageUri_accepts_full_references(string imageUri) =>
        ImageRequestValidator.ThrowIfInvalid(Valid with { ImageUri = imageUri });

    [TestMethod]
    [DataRow("", "PAI2010")]
    [DataRow("registry.example.com/ns app:1", "PAI2012")]
    [DataRow("registry.example.com/ns/app:1\t", "PAI2012")]
    [DataRow("my-app:1.0", "PAI2013")]
    [DataRow("ns/app:1.0", "PAI2013")]
    [DataRow("registry.example.com", "PAI2013")]
    [DataRow("-bad-.example.com/app:1", "PAI2013")]
    [DataRow("registry.example.com/My-Ns/app:1", "PAI2014")]
    [DataRow("registry.example.com//app:1", "PAI2014")]
    [DataRow("registry.example.com/ns/app-:1", "PAI2014")]
    [DataRow("registry.example.com/ns/app:", "PAI2015")]
    [DataRow("registry.example.com/ns/app:-1", "PAI2015")]
    [DataRow("registry.example.com/ns/app:1+2", "PAI2015")]
    [DataRow("registry.example.com/ns/app@sha256:abc", "PAI2016")]
    [DataRow("registry.example.com/ns/app@md5:0123456789abcdef0123456789abcdef", "PAI2016")]
    [DataRow("registry.example.com/ns/app@SHA256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", "PAI2016")]
    public void ImageUri_rules(string imageUri, string code) =>
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalid(Valid with { ImageUri = imageUri }), code);

    [TestMethod]
    public void ImageUri_host_and_path_are_limited_to_255_characters()
    {
        var host = "registry.example.com/";
        ImageRequestValidator.ThrowIfInvalid(Valid with { ImageUri = host + new string('a', 255 - host.Length) + ":1" });
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalid(Valid with { ImageUri = host + new string('a', 256 - host.Length) + ":1" }), "PAI2011");
    }

    [TestMethod]
    [DataRow("PUBLIC")]
    [DataRow("public")]
    [DataRow("Private")]
    public void Accessibility_accepts_public_or_private_in_any_case(string accessibility) =>
        ImageRequestValidator.ThrowIfInvalid(Valid with { Accessibility = accessibility });

    [TestMethod]
    [DataRow("internal")]
    [DataRow("")]
    [DataRow("PUBLIC ")]
    public void Accessibility_rejects_anything_else(string accessibility) =>
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalid(Valid with { Accessibility = accessibility }), "PAI2020");

    [TestMethod]
    [DataRow("image-0123456789abcdefgh", null)]
    [DataRow("image-ABCDEFGHIJ0123456z", null)]
    [DataRow("image-0123456789abcdefg", "PAI2026")]
    [DataRow("image-0123456789abcdefghi", "PAI2026")]
    [DataRow("img-0123456789abcdefgh", "PAI2026")]
    [DataRow("image-0123456789abcdef-h", "PAI2026")]
    public void ImageId_when_given_is_image_dash_and_18_letters_or_digits(string imageId, string? code)
    {
        void Act() => ImageRequestValidator.ThrowIfInvalid(Valid with { ImageId = imageId });
        if (code is null)
        {
            Act();
        }
        else
        {
            AssertCodes(Act, code);
        }
    }

    [TestMethod]
    public void Size_must_not_be_negative()
    {
        ImageRequestValidator.ThrowIfInvalid(Valid with { Size = 0 });
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalid(Valid with { Size = -1 }), "PAI2030");
    }

    [TestMethod]
    [DataRow("system.chipType")]
    [DataRow("system.framework")]
    [DataRow("system.official")]
    [DataRow("system.supported.eas")]
    [DataRow("system.dsw.cudaVersion")]
    [DataRow("team")]
    [DataRow("org.opencontainers.image.revision")]
    public void Label_keys_outside_system_or_documented_system_keys_pass(string key) =>
        ImageRequestValidator.ThrowIfInvalid(Valid with { Labels = [new ImageLabel(key, "x")] });

    [TestMethod]
    [DataRow("", "PAI2040")]
    [DataRow(" ", "PAI2040")]
    [DataRow("system.unknown", "PAI2042")]
    [DataRow("System.chipType", "PAI2042")]
    [DataRow("system.chiptype", "PAI2042")]
    public void Label_key_rules(string key, string code) =>
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalid(Valid with { Labels = [new ImageLabel(key, "x")] }), code);

    [TestMethod]
    public void Label_keys_must_be_unique() =>
        AssertCodes(
            () => ImageRequestValidator.ThrowIfInvalid(Valid with { Labels = [new ImageLabel("team", "a"), new ImageLabel("team", "b")] }),
            "PAI2041");

    [TestMethod]
    public void Label_value_is_required_but_may_be_empty()
    {
        ImageRequestValidator.ThrowIfInvalid(Valid with { Labels = [new ImageLabel("team", string.Empty)] });
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalid(Valid with { Labels = [new ImageLabel("team", null!)] }), "PAI2044");
    }

    [TestMethod]
    [DataRow("Description", ImageRequestValidator.MaxDescriptionLength, "PAI2050")]
    [DataRow("WorkspaceId", ImageRequestValidator.MaxIdentifierLength, "PAI2051")]
    [DataRow("SourceType", ImageRequestValidator.MaxIdentifierLength, "PAI2052")]
    [DataRow("SourceId", ImageRequestValidator.MaxIdentifierLength, "PAI2053")]
    [DataRow("LabelKey", ImageRequestValidator.MaxLabelKeyLength, "PAI2043")]
    [DataRow("LabelValue", ImageRequestValidator.MaxLabelValueLength, "PAI2045")]
    public void Strings_have_length_limits(string field, int maxLength, string code)
    {
        ImageRequestValidator.ThrowIfInvalid(WithText(field, new string('a', maxLength)));
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalid(WithText(field, new string('a', maxLength + 1))), code);
    }

    [TestMethod]
    public void Every_violation_is_reported_at_once_with_field_value_and_rule()
    {
        var request = Valid with { Name = "My_App", ImageUri = "app", Accessibility = "everyone", Size = -2, Labels = [new ImageLabel("system.x", "1")] };

        var exception = Assert.ThrowsExactly<PaiValidationException>(() => ImageRequestValidator.ThrowIfInvalid(request));

        CollectionAssert.AreEqual(new[] { "PAI2003", "PAI2013", "PAI2020", "PAI2030", "PAI2042" }, exception.Errors.Select(error => error.Code).ToArray());
        Assert.AreEqual("PAI2000", exception.Code);
        Assert.AreEqual(PaiErrorKind.InvalidInput, exception.Kind);
        var name = exception.Errors[0];
        Assert.AreEqual("Name", name.Field);
        Assert.AreEqual("My_App", name.Value);
        StringAssert.Contains(name.Message, "Name 'My_App'");
        StringAssert.Contains(name.Message, "lowercase");
        Assert.IsNotNull(name.Fix);
        Assert.AreEqual("Labels[0].Key", exception.Errors[4].Field);
    }

    [TestMethod]
    public void Long_values_are_truncated_in_errors()
    {
        var exception = Assert.ThrowsExactly<PaiValidationException>(() => ImageRequestValidator.ThrowIfInvalid(Valid with { Description = new string('d', 2000) }));

        Assert.AreEqual(new string('d', 60) + "…", exception.Errors.Single().Value);
        Assert.IsLessThan(300, exception.Message.Length);
    }

    [TestMethod]
    [DataRow(null, "PAI2025")]
    [DataRow("", "PAI2025")]
    [DataRow("image-1", "PAI2026")]
    [DataRow("../etc", "PAI2026")]
    public void Path_image_ids_are_required_and_well_formed(string? imageId, string code) =>
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalidImageId(imageId), code);

    [TestMethod]
    public void Labels_to_add_must_not_be_empty_and_follow_the_label_rules()
    {
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalidLabels([]), "PAI2046");
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalidLabels([new ImageLabel("system.nope", "1")]), "PAI2042");
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalidLabelKey(""), "PAI2040");
    }

    [TestMethod]
    [DataRow(0, null, null, "PAI2060")]
    [DataRow(null, 0, null, "PAI2061")]
    [DataRow(null, ImageRequestValidator.MaxPageSize + 1, null, "PAI2061")]
    [DataRow(null, null, "up", "PAI2062")]
    public void List_paging_and_order_rules(int? pageNumber, int? pageSize, string? order, string code) =>
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalid(new ListImagesRequest { PageNumber = pageNumber, PageSize = pageSize, Order = order }), code);

    [TestMethod]
    public void List_requests_within_the_rules_pass()
    {
        ImageRequestValidator.ThrowIfInvalid(new ListImagesRequest { PageNumber = 1, PageSize = ImageRequestValidator.MaxPageSize, Order = "desc", Labels = [new ImageLabel("system.chipType", "GPU")] });
        ImageRequestValidator.ThrowIfInvalid(new ListImageLabelsRequest { ImageId = "image-0123456789abcdefgh", LabelKeys = ["system.chipType"] });
    }

    [TestMethod]
    [DataRow("a,b", "x")]
    [DataRow("a=b", "x")]
    [DataRow("a", "x,y")]
    [DataRow("a", "x=y")]
    public void Label_filters_cannot_hold_separators(string key, string value)
    {
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalid(new ListImagesRequest { Labels = [new ImageLabel(key, value)] }), "PAI2047");
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalid(new ListImageLabelsRequest { LabelFilter = [new ImageLabel(key, value)] }), "PAI2047");
    }

    [TestMethod]
    public void Label_keys_filter_cannot_hold_separators_and_image_id_must_be_well_formed()
    {
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalid(new ListImageLabelsRequest { LabelKeys = ["a,b"] }), "PAI2047");
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalid(new ListImageLabelsRequest { ImageId = "nope" }), "PAI2026");
    }

    [TestMethod]
    public void List_filters_have_length_limits() =>
        AssertCodes(() => ImageRequestValidator.ThrowIfInvalid(new ListImagesRequest { Name = new string('n', ImageRequestValidator.MaxIdentifierLength + 1) }), "PAI2063");

    private static AddImageRequest WithText(string field, string text) => field switch
    {
        "Description" => Valid with { Description = text },
        "WorkspaceId" => Valid with { WorkspaceId = text },
        "SourceType" => Valid with { SourceType = text },
        "SourceId" => Valid with { SourceId = text },
        "LabelKey" => Valid with { Labels = [new ImageLabel(text, "v")] },
        "LabelValue" => Valid with { Labels = [new ImageLabel("k", text)] },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    private static void AssertCodes(Action act, params string[] codes)
    {
        var exception = Assert.ThrowsExactly<PaiValidationException>(act);
        CollectionAssert.AreEqual(codes, exception.Errors.Select(error => error.Code).ToArray(), string.Join(" | ", exception.Errors.Select(error => error.Message)));
    }
}

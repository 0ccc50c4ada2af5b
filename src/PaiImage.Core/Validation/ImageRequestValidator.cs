using System.Text.RegularExpressions;
using PaiImage.Core.Operations;

namespace PaiImage.Core.Validation;

/// <summary>
/// Checks requests against AddImage's documented rules before anything is sent, reporting every violation at
/// once. Limits the API does not document are chosen generously (see the constants) so a typo or a runaway
/// value fails here, with a clear message, rather than as an opaque service error.
/// </summary>
public static partial class ImageRequestValidator
{
    public const int MaxNameLength = 50;
    public const int MaxDescriptionLength = 1024;
    public const int MaxIdentifierLength = 256;
    public const int MaxLabelKeyLength = 128;
    public const int MaxLabelValueLength = 256;
    public const int MaxPageSize = 100;

    /// <summary>The <c>system.*</c> label keys PAI documents; other keys under <c>system.</c> are reserved.</summary>
    public static readonly IReadOnlySet<string> SystemLabelKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "system.chipType", "system.dsw.cudaVersion", "system.dsw.fromImageId", "system.dsw.fromInstanceId",
        "system.dsw.id", "system.dsw.os", "system.dsw.osVersion", "system.dsw.resourceType", "system.dsw.rootImageId",
        "system.dsw.stage", "system.dsw.tag", "system.dsw.type", "system.framework", "system.origin",
        "system.pythonVersion", "system.source", "system.supported.dlc", "system.supported.dsw",
        "system.official", "system.supported.eas",
    };

    /// <summary>Throws <see cref="Errors.PaiValidationException"/> listing every broken rule of an AddImage request.</summary>
    public static void ThrowIfInvalid(AddImageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrorList();
        CheckName(request.Name, errors);
        CheckImageUri(request.ImageUri, errors);
        CheckAccessibility(request.Accessibility, errors);
        if (request.ImageId is not null)
        {
            CheckImageIdFormat(request.ImageId, errors);
        }

        if (request.Size < 0)
        {
            errors.Add(ValidationCodes.SizeNegative, "Size", request.Size.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "must not be negative (it is the image size in whole GB)", "Leave Size out or give the size in GB.");
        }

        CheckLabels(request.Labels, required: false, errors);
        CheckLength("Description", request.Description, MaxDescriptionLength, ValidationCodes.DescriptionTooLong, errors);
        CheckLength("WorkspaceId", request.WorkspaceId, MaxIdentifierLength, ValidationCodes.WorkspaceIdTooLong, errors);
        CheckLength("SourceType", request.SourceType, MaxIdentifierLength, ValidationCodes.SourceTypeTooLong, errors);
        CheckLength("SourceId", request.SourceId, MaxIdentifierLength, ValidationCodes.SourceIdTooLong, errors);
        errors.ThrowIfAny();
    }

    /// <summary>Checks the query of ListImages: lengths, the label filter, paging and order.</summary>
    public static void ThrowIfInvalid(ListImagesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrorList();
        CheckLength("WorkspaceId", request.WorkspaceId, MaxIdentifierLength, ValidationCodes.WorkspaceIdTooLong, errors);
        CheckLength("Name", request.Name, MaxIdentifierLength, ValidationCodes.FilterTooLong, errors);
        CheckLength("ImageUri", request.ImageUri, MaxIdentifierLength * 2, ValidationCodes.FilterTooLong, errors);
        CheckLength("Query", request.Query, MaxIdentifierLength, ValidationCodes.FilterTooLong, errors);
        CheckLength("SortBy", request.SortBy, MaxIdentifierLength, ValidationCodes.FilterTooLong, errors);
        CheckAccessibility(request.Accessibility, errors);
        CheckLabelFilter("Labels", request.Labels, errors);
        if (request.PageNumber < 1)
        {
            errors.Add(ValidationCodes.PageNumber, "PageNumber", Invariant(request.PageNumber.Value), "must be 1 or more (pages are numbered from 1)", "Start paging at 1.");
        }

        if (request.PageSize is < 1 or > MaxPageSize)
        {
            errors.Add(ValidationCodes.PageSize, "PageSize", Invariant(request.PageSize.Value), $"must be between 1 and {MaxPageSize}", "Use a page size such as 50.");
        }

        if (request.Order is not null && !request.Order.Equals("ASC", StringComparison.OrdinalIgnoreCase) && !request.Order.Equals("DESC", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(ValidationCodes.Order, "Order", request.Order, "must be ASC or DESC", "Use ASC or DESC.");
        }

        errors.ThrowIfAny();
    }

    /// <summary>Checks the query of ListImageLabels.</summary>
    public static void ThrowIfInvalid(ListImageLabelsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrorList();
        if (request.ImageId is not null)
        {
            CheckImageIdFormat(request.ImageId, errors);
        }

        CheckLength("WorkspaceId", request.WorkspaceId, MaxIdentifierLength, ValidationCodes.WorkspaceIdTooLong, errors);
        CheckLength("Region", request.Region, MaxIdentifierLength, ValidationCodes.FilterTooLong, errors);
        CheckLabelFilter("LabelFilter", request.LabelFilter, errors);
        foreach (var (key, index) in (request.LabelKeys ?? []).Select((key, index) => (key, index)))
        {
            CheckFilterLabelKey($"LabelKeys[{index}]", key, errors);
        }

        errors.ThrowIfAny();
    }

    /// <summary>Checks an image id given as a path parameter (GetImage, RemoveImage, labels, PublishImage).</summary>
    public static void ThrowIfInvalidImageId(string? imageId)
    {
        var errors = new ValidationErrorList();
        if (string.IsNullOrEmpty(imageId))
        {
            errors.Add(ValidationCodes.ImageIdRequired, "ImageId", null, "is required", "Pass the id AddImage or ListImages returned, e.g. image-0123456789abcdefgh.");
        }
        else
        {
            CheckImageIdFormat(imageId, errors);
        }

        errors.ThrowIfAny();
    }

    /// <summary>Checks labels to add with AddImageLabels: at least one, and the same rules as AddImage's.</summary>
    public static void ThrowIfInvalidLabels(IReadOnlyList<ImageLabel>? labels)
    {
        var errors = new ValidationErrorList();
        CheckLabels(labels, required: true, errors);
        errors.ThrowIfAny();
    }

    /// <summary>Checks a label key given as a path parameter (RemoveImageLabels).</summary>
    public static void ThrowIfInvalidLabelKey(string? key)
    {
        var errors = new ValidationErrorList();
        CheckLabelKey("LabelKey", key, errors);
        errors.ThrowIfAny();
    }

    private static void CheckName(string? name, ValidationErrorList errors)
    {
        const string Fix = "Use 1–50 lowercase letters, digits and hyphens, starting with a letter, e.g. my-app.";
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(ValidationCodes.NameRequired, "Name", null, "is required", Fix);
            return;
        }

        if (name.Length > MaxNameLength)
        {
            errors.Add(ValidationCodes.NameTooLong, "Name", name, $"must be at most {MaxNameLength} characters long (it has {name.Length})", Fix);
        }

        if (!NamePattern().IsMatch(name))
        {
            errors.Add(ValidationCodes.NameCharacters, "Name", name, "must contain only lowercase letters, digits and hyphens and start with a lowercase letter", Fix);
        }
    }

    private static void CheckImageUri(string? imageUri, ValidationErrorList errors)
    {
        if (string.IsNullOrEmpty(imageUri))
        {
            errors.Add(ValidationCodes.ImageUriRequired, "ImageUri", null, "is required", "Give the full image reference, e.g. registry.cn-hangzhou.aliyuncs.com/my-ns/my-app:1.0.0.");
            return;
        }

        ImageReferenceRules.Check(imageUri, errors);
    }

    private static void CheckAccessibility(string? accessibility, ValidationErrorList errors)
    {
        if (accessibility is not null
            && !accessibility.Equals("PUBLIC", StringComparison.OrdinalIgnoreCase)
            && !accessibility.Equals("PRIVATE", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(ValidationCodes.Accessibility, "Accessibility", accessibility, "must be PUBLIC or PRIVATE", "Use PUBLIC (all workspace members) or PRIVATE (only you).");
        }
    }

    private static void CheckImageIdFormat(string imageId, ValidationErrorList errors)
    {
        if (!ImageIdPattern().IsMatch(imageId))
        {
            errors.Add(ValidationCodes.ImageIdFormat, "ImageId", imageId, "must be 'image-' followed by 18 letters or digits", "Use an id like image-0123456789abcdefgh, or leave it out to let PAI choose one.");
        }
    }

    private static void CheckLabels(IReadOnlyList<ImageLabel>? labels, bool required, ValidationErrorList errors)
    {
        if (labels is null || labels.Count == 0)
        {
            if (required)
            {
                errors.Add(ValidationCodes.LabelsRequired, "Labels", null, "must contain at least one label", "Pass one or more key=value labels.");
            }

            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            var key = label?.Key;
            CheckLabelKey($"Labels[{i}].Key", key, errors);
            if (!string.IsNullOrEmpty(key) && !seen.Add(key))
            {
                errors.Add(ValidationCodes.LabelKeyDuplicate, $"Labels[{i}].Key", key, "appears more than once", "Give each label key only once.");
            }

            if (label?.Value is null)
            {
                errors.Add(ValidationCodes.LabelValueRequired, $"Labels[{i}].Value", null, "is required (it may be empty)", "Give every label a value.");
            }
            else
            {
                CheckLength($"Labels[{i}].Value", label.Value, MaxLabelValueLength, ValidationCodes.LabelValueTooLong, errors);
            }
        }
    }

    private static void CheckLabelKey(string field, string? key, ValidationErrorList errors)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            errors.Add(ValidationCodes.LabelKeyRequired, field, key, "must not be empty", "Give every label a key.");
            return;
        }

        CheckLength(field, key, MaxLabelKeyLength, ValidationCodes.LabelKeyTooLong, errors);
        if (key.StartsWith("system.", StringComparison.OrdinalIgnoreCase) && !SystemLabelKeys.Contains(key))
        {
            errors.Add(ValidationCodes.LabelKeySystemUnknown, field, key, "is not one of the system.* keys PAI documents", "Use a documented key (e.g. system.chipType, system.framework, system.supported.dlc) or a key outside system.*.");
        }
    }

    /// <summary>Filters travel as one comma-separated <c>key=value</c> string, so neither part may hold ',' or '='.</summary>
    private static void CheckLabelFilter(string field, IReadOnlyList<ImageLabel>? labels, ValidationErrorList errors)
    {
        for (var i = 0; i < (labels?.Count ?? 0); i++)
        {
            var label = labels![i];
            CheckFilterLabelKey($"{field}[{i}].Key", label?.Key, errors);
            if (label?.Value is null || label.Value.AsSpan().IndexOfAny(',', '=') >= 0)
            {
                errors.Add(ValidationCodes.LabelFilterCharacters, $"{field}[{i}].Value", label?.Value, "must be given and must not contain ',' or '=' in a filter", "Filter on a value without ',' and '='.");
            }
        }
    }

    private static void CheckFilterLabelKey(string field, string? key, ValidationErrorList errors)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            errors.Add(ValidationCodes.LabelKeyRequired, field, key, "must not be empty", "Give every label a key.");
        }
        else if (key.AsSpan().IndexOfAny(',', '=') >= 0)
        {
            errors.Add(ValidationCodes.LabelFilterCharacters, field, key, "must not contain ',' or '=' in a filter", "Filter on a key without ',' and '='.");
        }
    }

    private static void CheckLength(string field, string? value, int maxLength, string code, ValidationErrorList errors)
    {
        if (value is not null && value.Length > maxLength)
        {
            errors.Add(code, field, value, $"must be at most {maxLength} characters long (it has {value.Length})", $"Shorten {field}.");
        }
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[a-z][a-z0-9-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^image-[A-Za-z0-9]{18}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ImageIdPattern();
}

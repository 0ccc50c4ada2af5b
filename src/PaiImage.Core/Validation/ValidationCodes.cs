namespace PaiImage.Core.Validation;

/// <summary>The stable codes of request validation errors (PAI2001–PAI2099). Never renumber one.</summary>
public static class ValidationCodes
{
    public const string NameRequired = "PAI2001";
    public const string NameTooLong = "PAI2002";
    public const string NameCharacters = "PAI2003";

    public const string ImageUriRequired = "PAI2010";
    public const string ImageUriTooLong = "PAI2011";
    public const string ImageUriMalformed = "PAI2012";
    public const string ImageUriRegistry = "PAI2013";
    public const string ImageUriRepository = "PAI2014";
    public const string ImageUriTag = "PAI2015";
    public const string ImageUriDigest = "PAI2016";

    public const string Accessibility = "PAI2020";

    public const string ImageIdRequired = "PAI2025";
    public const string ImageIdFormat = "PAI2026";

    public const string SizeNegative = "PAI2030";

    public const string LabelKeyRequired = "PAI2040";
    public const string LabelKeyDuplicate = "PAI2041";
    public const string LabelKeySystemUnknown = "PAI2042";
    public const string LabelKeyTooLong = "PAI2043";
    public const string LabelValueRequired = "PAI2044";
    public const string LabelValueTooLong = "PAI2045";
    public const string LabelsRequired = "PAI2046";
    public const string LabelFilterCharacters = "PAI2047";

    public const string DescriptionTooLong = "PAI2050";
    public const string WorkspaceIdTooLong = "PAI2051";
    public const string SourceTypeTooLong = "PAI2052";
    public const string SourceIdTooLong = "PAI2053";

    public const string PageNumber = "PAI2060";
    public const string PageSize = "PAI2061";
    public const string Order = "PAI2062";
    public const string FilterTooLong = "PAI2063";
}

namespace PaiImage.Tool.ProjectSettings;

/// <summary>Codes of problems reading a project for <c>add --project</c> (the tool's PAI32xx range).</summary>
internal static class ProjectErrorCodes
{
    public const string NotFound = "PAI3201";
    public const string DotnetNotStarted = "PAI3202";
    public const string EvaluationFailed = "PAI3203";
    public const string UnreadableOutput = "PAI3204";
    public const string InvalidValue = "PAI3205";
    public const string NothingToRegister = "PAI3206";
}

using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PaiImage.Build.Resources;
using PaiImage.Core;
using PaiImage.Core.Credentials;
using PaiImage.Core.Errors;
using PaiImage.Core.Operations;
using PaiImage.Core.Registration;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace PaiImage.Build.Tasks;

/// <summary>
/// Registers an image in PAI through the core's <see cref="ImageRegistrar"/> and returns its ImageId. Credentials come
/// from Alibaba's default chain inside this task; no parameter ever carries one (<see cref="ResolvePaiImageReference"/>
/// refuses properties that try).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "MSBuild never disposes tasks; a CancellationTokenSource without a timer holds nothing to release.")]
public sealed class RegisterPaiImage : MSBuildTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    public RegisterPaiImage()
        : base(Strings.ResourceManager)
    {
    }

    [Required]
    public string ImageUri { get; set; } = "";

    [Required]
    public string ImageName { get; set; } = "";

    /// <summary>The pushed manifest or index digest, echoed into the output item.</summary>
    public string Digest { get; set; } = "";

    /// <summary>@(PaiImageLabel): Include is the key, metadata Value the value.</summary>
    public ITaskItem[] Labels { get; set; } = [];

    public string WorkspaceId { get; set; } = "";

    public string Region { get; set; } = "";

    public string Endpoint { get; set; } = "";

    public string UseVpcEndpoint { get; set; } = "";

    public string CredentialsProfile { get; set; } = "";

    public string Accessibility { get; set; } = "";

    public string Description { get; set; } = "";

    public string ImageSize { get; set; } = "";

    public string ImageId { get; set; } = "";

    public string SourceType { get; set; } = "";

    public string SourceId { get; set; } = "";

    /// <summary>Fail (default), Skip or Replace.</summary>
    public string IfExists { get; set; } = "";

    [Output]
    public string RegisteredImageId { get; private set; } = "";

    /// <summary>Metadata ImageId, Name, ImageUri, Digest, WorkspaceId, Outcome, RequestId.</summary>
    [Output]
    public ITaskItem? RegisteredImage { get; private set; }

    /// <summary>Reads environment variables; tests replace it so the machine's environment never leaks in.</summary>
    internal Func<string, string?> GetEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>The home folder holding Alibaba's credential files; null means the current user's.</summary>
    internal string? HomeDirectory { get; set; }

    public void Cancel() => _cancellation.Cancel();

    public override bool Execute()
    {
        var policy = ParseIfExists();
        var useVpc = ParseUseVpcEndpoint();
        var size = ImageSizeProperty.Parse(ImageSize, Log);
        if (Log.HasLoggedErrors)
        {
            return false;
        }

        var request = new AddImageRequest
        {
            Name = ImageName,
            ImageUri = ImageUri,
            WorkspaceId = OrEnvironment(WorkspaceId, "PAI_WORKSPACE_ID"),
            Accessibility = NullIfEmpty(Accessibility),
            Description = NullIfEmpty(Description),
            Labels = Labels.Length == 0 ? null : [.. Labels.Select(l => new ImageLabel(l.ItemSpec, l.GetMetadata("Value")))],
            Size = size,
            ImageId = NullIfEmpty(ImageId),
            SourceType = NullIfEmpty(SourceType),
            SourceId = NullIfEmpty(SourceId),
        };

        try
        {
            var result = System.Threading.Tasks.Task.Run(() => RegisterAsync(request, policy, useVpc, _cancellation.Token)).GetAwaiter().GetResult();
            Report(result);
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            Log.LogWarningWithCodeFromResources(nameof(Strings.Canceled));
        }
        catch (PaiValidationException exception)
        {
            foreach (var error in exception.Errors)
            {
                LogCoded(error.Code, WithFix(DescribeField(error), error.Fix));
            }
        }
        catch (PaiException exception)
        {
            LogCoded(exception.Code, WithFix(exception.Message, exception.Fix));
        }
#pragma warning disable CA1031 // Anything else is a bug; report it as a coded error rather than an MSBuild crash.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.LogErrorWithCodeFromResources(nameof(Strings.UnexpectedFailure), exception.GetType().Name, exception.Message);
        }

        return !Log.HasLoggedErrors;
    }

    private async Task<RegistrationResult> RegisterAsync(AddImageRequest request, IfExistsPolicy policy, bool useVpc, CancellationToken cancellationToken)
    {
        var options = new PaiClientOptions
        {
            RegionId = OrEnvironment(Region, "ALIBABA_CLOUD_REGION_ID"),
            Endpoint = OrEnvironment(Endpoint, "PAI_ENDPOINT"),
            UseVpcEndpoint = useVpc,
            UserAgent = $"PaiImage.Build/{typeof(RegisterPaiImage).Assembly.GetName().Version?.ToString(3)}",
            CredentialChain = new CredentialChainOptions
            {
                ProfileName = NullIfEmpty(CredentialsProfile),
                GetEnvironmentVariable = GetEnvironmentVariable,
                HomeDirectory = HomeDirectory,
            },
        };
        using var services = PaiImageServices.Create(options);
        return await services.Registrar.RegisterAsync(request, policy, cancellationToken).ConfigureAwait(false);
    }

    private void Report(RegistrationResult result)
    {
        var workspace = result.WorkspaceId ?? Log.FormatResourceString(nameof(Strings.DefaultWorkspace));
        if (result.Outcome == RegistrationOutcome.Created)
        {
            Log.LogMessageFromResources(MessageImportance.High, nameof(Strings.Registered), result.Name, result.ImageUri, result.ImageId, workspace);
        }
        else
        {
            Log.LogMessageFromResources(MessageImportance.High, nameof(Strings.RegisteredWithOutcome), result.Name, result.ImageUri, result.ImageId, workspace, result.Outcome);
        }

        RegisteredImageId = result.ImageId;
        RegisteredImage = new TaskItem(result.ImageId, new Dictionary<string, string>
        {
            ["ImageId"] = result.ImageId,
            ["Name"] = result.Name,
            ["ImageUri"] = result.ImageUri,
            ["Digest"] = Digest,
            ["WorkspaceId"] = result.WorkspaceId ?? "",
            ["Outcome"] = result.Outcome.ToString(),
            ["RequestId"] = result.RequestId ?? "",
        });
    }

    private IfExistsPolicy ParseIfExists()
    {
        if (IfExists.Length == 0)
        {
            return IfExistsPolicy.Fail;
        }

        foreach (var policy in Enum.GetValues<IfExistsPolicy>())
        {
            if (IfExists.Equals(policy.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return policy;
            }
        }

        Log.LogErrorWithCodeFromResources(nameof(Strings.InvalidIfExists), IfExists);
        return IfExistsPolicy.Fail;
    }

    private bool ParseUseVpcEndpoint()
    {
        if (UseVpcEndpoint.Length == 0)
        {
            return false;
        }

        if (bool.TryParse(UseVpcEndpoint, out var useVpc))
        {
            return useVpc;
        }

        Log.LogErrorWithCodeFromResources(nameof(Strings.InvalidUseVpcEndpoint), UseVpcEndpoint);
        return false;
    }


    private string DescribeField(ValidationError error)
    {
        if (CoreOptionNames.PropertyFor(error.Field) is { } property)
        {
            return Log.FormatResourceString(nameof(Strings.InvalidPropertyValue), property, error.Message);
        }

        if (CoreOptionNames.LabelIndex(error.Field) is { } index && index < Labels.Length)
        {
            return Log.FormatResourceString(nameof(Strings.InvalidLabelValue), Labels[index].ItemSpec, error.Message);
        }

        return error.Message;
    }

    private string WithFix(string message, string? fix) =>
        fix is null ? message : Log.FormatResourceString(nameof(Strings.FixSuffix), message, fix);

    private void LogCoded(string code, string message) =>
        Log.LogError(subcategory: null, code, helpKeyword: null, file: null, 0, 0, 0, 0, message);

    private string? OrEnvironment(string value, string variable) =>
        value.Length > 0 ? value : NullIfEmpty(GetEnvironmentVariable(variable) ?? "");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

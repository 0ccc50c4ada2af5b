using System.Globalization;
using Microsoft.Build.Framework;
using PaiImage.Build.Resources;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace PaiImage.Build.Tasks;

/// <summary>
/// Works out what to register after PublishContainer: the image URI (tag or digest form), a valid PAI name and the
/// size. Sends nothing; a publish that did not reach a registry turns registration off with a warning or an error, and
/// credential-looking properties are refused before anything else happens.
/// </summary>
public sealed class ResolvePaiImageReference : MSBuildTask
{
    public ResolvePaiImageReference()
        : base(Strings.ResourceManager)
    {
    }

    public string ContainerRegistry { get; set; } = "";

    public string ContainerRepository { get; set; } = "";

    public string ContainerImageTag { get; set; } = "";

    public ITaskItem[] ContainerImageTags { get; set; } = [];

    public string ContainerArchiveOutputPath { get; set; } = "";

    /// <summary>Manifest digest of a single-architecture publish.</summary>
    public string GeneratedContainerDigest { get; set; } = "";

    /// <summary>Manifest JSON of a single-architecture publish.</summary>
    public string GeneratedContainerManifest { get; set; } = "";

    /// <summary>Image index JSON of a multi-architecture publish.</summary>
    public string GeneratedImageIndex { get; set; } = "";

    /// <summary>@(GeneratedContainer): one item per pushed manifest (the SDK adds each twice), metadata Manifest and ManifestDigest.</summary>
    public ITaskItem[] GeneratedContainers { get; set; } = [];

    /// <summary>PaiImageUri: an explicit reference; wins over everything computed.</summary>
    public string ImageUri { get; set; } = "";

    /// <summary>PaiImageUriKind: Tag (default) or Digest.</summary>
    public string ImageUriKind { get; set; } = "";

    /// <summary>PaiImageName: an explicit name; otherwise derived from repository and tag.</summary>
    public string ImageName { get; set; } = "";

    /// <summary>PaiImageSize in GB; otherwise computed from the pushed manifests.</summary>
    public string ImageSize { get; set; } = "";

    /// <summary>Names (never values) of credential-looking properties the targets found set.</summary>
    public ITaskItem[] SecretLikeProperties { get; set; } = [];

    [Output]
    public string ResolvedImageUri { get; private set; } = "";

    [Output]
    public string ResolvedImageName { get; private set; } = "";

    [Output]
    public string ResolvedImageSize { get; private set; } = "";

    /// <summary>The digest of the pushed manifest or index, when a publish ran in this build.</summary>
    [Output]
    public string Digest { get; private set; } = "";

    [Output]
    public bool ShouldRegister { get; private set; }

    public override bool Execute()
    {
        RefuseSecretLikeProperties();
        var useDigest = ParseUriKind();
        var size = ImageSizeProperty.Parse(ImageSize, Log);
        if (Log.HasLoggedErrors)
        {
            return false;
        }

        var published = GeneratedContainerDigest.Length > 0 || GeneratedImageIndex.Length > 0;
        if (published && (ContainerRegistry.Length == 0 || ContainerArchiveOutputPath.Length > 0))
        {
            ReportNotPushed();
            return !Log.HasLoggedErrors;
        }

        Digest = GeneratedImageIndex.Length > 0 ? ImageReference.DigestOf(GeneratedImageIndex) : GeneratedContainerDigest;
        var uri = ResolveUri(useDigest);
        if (uri is null)
        {
            return false;
        }

        ResolvedImageUri = uri;
        ResolvedImageName = ImageName.Length > 0 ? ImageName : DeriveName(uri);
        ResolvedImageSize = (size ?? PublishedSize())?.ToString(CultureInfo.InvariantCulture) ?? "";
        ShouldRegister = true;
        Log.LogMessageFromResources(MessageImportance.Low, nameof(Strings.Resolved), ResolvedImageUri, ResolvedImageName);
        return true;
    }

    private void RefuseSecretLikeProperties()
    {
        var globalNames = BuildEngine is IBuildEngine6 engine ? engine.GetGlobalProperties().Keys : [];
        var refused = SecretLikeProperties.Select(p => p.ItemSpec)
            .Concat(globalNames.Where(Build.SecretLikeProperties.Matches))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var name in refused)
        {
            Log.LogErrorWithCodeFromResources(nameof(Strings.SecretPropertyRefused), name);
        }
    }

    private bool ParseUriKind()
    {
        if (ImageUriKind.Length == 0 || ImageUriKind.Equals("Tag", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (ImageUriKind.Equals("Digest", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        Log.LogErrorWithCodeFromResources(nameof(Strings.InvalidUriKind), ImageUriKind);
        return false;
    }


    private void ReportNotPushed()
    {
        var destination = ContainerArchiveOutputPath.Length > 0
            ? Log.FormatResourceString(nameof(Strings.DestinationTarball), ContainerArchiveOutputPath)
            : Log.FormatResourceString(nameof(Strings.DestinationLocalDaemon));
        if (ImageName.Length > 0 || ImageUri.Length > 0)
        {
            Log.LogErrorWithCodeFromResources(nameof(Strings.NotPushedToRegistryButRequested), destination);
        }
        else
        {
            Log.LogWarningWithCodeFromResources(nameof(Strings.NotPushedToRegistry), destination);
        }
    }

    private string? ResolveUri(bool useDigest)
    {
        if (ImageUri.Length > 0)
        {
            return ImageUri;
        }

        if (ContainerRegistry.Length == 0 || ContainerRepository.Length == 0)
        {
            Log.LogErrorWithCodeFromResources(nameof(Strings.NothingToRegister));
            return null;
        }

        if (!useDigest)
        {
            return ImageReference.WithTag(ContainerRegistry, ContainerRepository, FirstTag());
        }

        if (Digest.Length == 0)
        {
            Log.LogErrorWithCodeFromResources(nameof(Strings.DigestUnavailable));
            return null;
        }

        return ImageReference.WithDigest(ContainerRegistry, ContainerRepository, Digest);
    }

    // The SDK's own default when neither tag property is set.
    private string FirstTag() =>
        ContainerImageTags.Select(t => t.ItemSpec).FirstOrDefault(t => t.Length > 0)
        ?? (ContainerImageTag.Length > 0 ? ContainerImageTag : "latest");

    private string DeriveName(string uri)
    {
        if (ImageUri.Length > 0)
        {
            var (repository, tag) = ImageReference.Split(uri);
            return ImageNaming.Derive(repository, tag);
        }

        return ImageNaming.Derive(ContainerRepository, FirstTag());
    }

    private long? PublishedSize()
    {
        if (GeneratedImageIndex.Length == 0)
        {
            return ManifestSize.InGigabytes([GeneratedContainerManifest]);
        }

        var perArchitecture = GeneratedContainers
            .DistinctBy(c => c.GetMetadata("ManifestDigest"), StringComparer.Ordinal)
            .Select(c => c.GetMetadata("Manifest"));
        return ManifestSize.InGigabytes(perArchitecture);
    }
}

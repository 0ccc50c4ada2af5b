using System.Globalization;
using PaiImage.Build;
using PaiImage.Core.Errors;
using PaiImage.Core.Operations;
using PaiImage.Core.Registration;
using PaiImage.Tool.Commands;

namespace PaiImage.Tool.ProjectSettings;

/// <summary>
/// The registration a project describes, with the command line's options taking precedence. Name and URI
/// default as in PaiImage.Build before a publish: ContainerRegistry/ContainerRepository:first tag, and a name
/// derived from repository and tag. The workspace is in <see cref="Connection"/>, to be weighed against --workspace
/// and PAI_WORKSPACE_ID.
/// </summary>
internal sealed record ProjectImage(AddImageRequest Request, IfExistsPolicy IfExists, ConnectionDefaults Connection)
{
    /// <exception cref="PaiConfigurationException">A project value is invalid (PAI3205) or nothing names the image (PAI3206).</exception>
    public static ProjectImage Resolve(ProjectValues project, GivenImageOptions given)
    {
        var explicitUri = given.ImageUri ?? project["PaiImageUri"];
        var uri = explicitUri ?? ContainerUri(project);
        var name = given.Name ?? project["PaiImageName"] ?? DerivedName(project, explicitUri);
        if (uri is null || name is null)
        {
            throw new PaiConfigurationException(
                ProjectErrorCodes.NothingToRegister,
                $"The project '{project.ProjectPath}' names no image: it sets neither PaiImageUri nor ContainerRegistry and ContainerRepository.",
                "Set PaiImageUri (or ContainerRegistry and ContainerRepository) in the project, or give --uri.");
        }

        var request = new AddImageRequest
        {
            Name = name,
            ImageUri = uri,
            Accessibility = given.Accessibility ?? project["PaiImageAccessibility"],
            Description = given.Description ?? project["PaiImageDescription"],
            Labels = MergeLabels(project.Labels, given.Labels),
            Size = given.Size ?? Size(project),
            ImageId = given.ImageId ?? project["PaiImageId"],
            SourceType = given.SourceType ?? project["PaiImageSourceType"],
            SourceId = given.SourceId ?? project["PaiImageSourceId"],
        };
        var connection = new ConnectionDefaults(
            project["PaiRegion"], project["PaiEndpoint"], UseVpcEndpoint(project), project["PaiCredentialsProfile"], project["PaiWorkspaceId"]);
        return new ProjectImage(request, given.IfExists ?? ProjectPolicy(project), connection);
    }

    private static string? ContainerUri(ProjectValues project) =>
        project["ContainerRegistry"] is { } registry && project["ContainerRepository"] is { } repository
            ? ImageReference.WithTag(registry, repository, FirstTag(project))
            : null;

    private static string? DerivedName(ProjectValues project, string? explicitUri)
    {
        if (explicitUri is not null)
        {
            var (repository, tag) = ImageReference.Split(explicitUri);
            return ImageNaming.Derive(repository, tag);
        }

        return project["ContainerRepository"] is { } containerRepository ? ImageNaming.Derive(containerRepository, FirstTag(project)) : null;
    }

    // The SDK's default when neither tag property is set.
    private static string FirstTag(ProjectValues project) =>
        project["ContainerImageTags"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
        ?? project["ContainerImageTag"]
        ?? "latest";

    /// <summary>The project's labels, with a label given on the command line replacing the project's of the same key.</summary>
    private static List<ImageLabel>? MergeLabels(IReadOnlyList<ImageLabel> fromProject, IReadOnlyList<ImageLabel>? given)
    {
        var overridden = given?.Select(l => l.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        List<ImageLabel> labels = [.. fromProject.Where(l => !overridden.Contains(l.Key)), .. given ?? []];
        return labels.Count == 0 ? null : labels;
    }

    private static long? Size(ProjectValues project) => project["PaiImageSize"] switch
    {
        null => null,
        var text when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var gigabytes) => gigabytes,
        var text => throw Invalid(project, "PaiImageSize", text, "Set PaiImageSize to the size in whole GB, or leave it empty."),
    };

    private static bool UseVpcEndpoint(ProjectValues project) => project["PaiUseVpcEndpoint"] switch
    {
        null => false,
        var text when bool.TryParse(text, out var useVpc) => useVpc,
        var text => throw Invalid(project, "PaiUseVpcEndpoint", text, "Set PaiUseVpcEndpoint to true or false."),
    };

    private static IfExistsPolicy ProjectPolicy(ProjectValues project) => project["PaiImageIfExists"]?.ToLowerInvariant() switch
    {
        null or "fail" => IfExistsPolicy.Fail,
        "skip" => IfExistsPolicy.Skip,
        "replace" => IfExistsPolicy.Replace,
        _ => throw Invalid(project, "PaiImageIfExists", project["PaiImageIfExists"]!, "Set PaiImageIfExists to Fail, Skip or Replace, or give --if-exists."),
    };

    private static PaiConfigurationException Invalid(ProjectValues project, string property, string value, string fix) =>
        new(ProjectErrorCodes.InvalidValue, $"The project '{project.ProjectPath}' sets {property} to '{value}', which is not valid.", fix);
}

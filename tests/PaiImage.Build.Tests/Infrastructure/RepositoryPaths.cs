namespace PaiImage.Build.Tests.Infrastructure;

internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string BuildFolder => Path.Combine(Root, "src", "PaiImage.Build", "build");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PaiImage.Build.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (PaiImage.Build.sln) was not found above " + AppContext.BaseDirectory);
    }
}

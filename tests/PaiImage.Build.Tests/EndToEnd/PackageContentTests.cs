using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.Json;

namespace PaiImage.Build.Tests.EndToEnd;

/// <summary>What the packed package carries in tasks/: ReadyToRun images that stay portable IL assemblies.</summary>
[TestClass]
public sealed class PackageContentTests
{
    private const string TasksFolder = "tasks/net10.0/";

    [TestMethod]
    public async Task Every_task_assembly_is_a_ReadyToRun_image_that_still_carries_its_IL()
    {
        using var package = await OpenPackageAsync();
        var assemblies = package.Entries.Where(entry => entry.FullName.StartsWith(TasksFolder, StringComparison.Ordinal) && entry.Name.EndsWith(".dll", StringComparison.Ordinal)).ToList();

        CollectionAssert.IsSubsetOf(new[] { "PaiImage.Build.dll", "PaiImage.Core.dll" }, assemblies.Select(entry => entry.Name).ToList());
        Assert.IsFalse(assemblies.Any(entry => entry.Name.StartsWith("Polly", StringComparison.Ordinal) || entry.Name.Contains("Resilience", StringComparison.Ordinal)), "retries are PaiImage.Core's own handler");
        foreach (var entry in assemblies)
        {
            using var image = new MemoryStream();
            using (var stream = entry.Open())
            {
                await stream.CopyToAsync(image);
            }

            image.Position = 0;
            using var reader = new PEReader(image);
            var corHeader = reader.PEHeaders.CorHeader;
            Assert.IsNotNull(corHeader, $"{entry.Name} is not a .NET assembly");
            Assert.IsTrue(reader.HasMetadata, $"{entry.Name} has no metadata");
            Assert.IsGreaterThan(0, corHeader.ManagedNativeHeaderDirectory.Size, $"{entry.Name} has no ReadyToRun header");
            // crossgen2 marks the target OS by XOR-ing it into the machine field; 0x7B79 is Linux.
            Assert.AreEqual(Machine.Amd64, reader.PEHeaders.CoffHeader.Machine ^ (Machine)0x7B79, $"{entry.Name} is not compiled for linux-x64");
        }
    }

    [TestMethod]
    public async Task The_tasks_deps_json_names_no_runtime_and_MSBuild_is_not_shipped()
    {
        using var package = await OpenPackageAsync();
        var depsEntry = package.GetEntry(TasksFolder + "PaiImage.Build.deps.json");
        Assert.IsNotNull(depsEntry);
        using var deps = await JsonDocument.ParseAsync(depsEntry.Open());

        Assert.AreEqual(".NETCoreApp,Version=v10.0", deps.RootElement.GetProperty("runtimeTarget").GetProperty("name").GetString());
        Assert.IsFalse(package.Entries.Any(entry => entry.Name.StartsWith("Microsoft.Build.", StringComparison.Ordinal)), "MSBuild's own assemblies must come from the host");
    }

    private static async Task<ZipArchive> OpenPackageAsync()
    {
        var environment = await E2EEnvironment.GetAsync();
        return ZipFile.OpenRead(Path.Combine(environment.Feed, $"PaiImage.Build.{environment.Version}.nupkg"));
    }
}

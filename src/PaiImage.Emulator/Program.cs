using PaiImage.Emulator;
using PaiImage.Emulator.Cli;

CliSettings settings;
try
{
    settings = CommandLine.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"pai-image-emulator: {e.Message}");
    return 2;
}

if (settings.Help)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

var options = settings.Quiet ? settings.Options : new EmulatorOptions
{
    Port = settings.Options.Port,
    Host = settings.Options.Host,
    DataFile = settings.Options.DataFile,
    DefaultWorkspaceId = settings.Options.DefaultWorkspaceId,
    Credentials = settings.Options.Credentials,
    Faults = settings.Options.Faults,
    RequestObserver = r => Console.WriteLine($"{r.Method} {r.Target} {r.Action} -> {r.Status}{(r.Code is null ? "" : " " + r.Code)}{(r.Aborted ? " (aborted)" : "")}"),
};

EmulatorServer server;
try
{
    server = await EmulatorServer.StartAsync(options);
}
catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
{
    await Console.Error.WriteLineAsync($"pai-image-emulator: {e.Message}");
    return 1;
}

await using (server)
{
    Console.WriteLine($"PAI image emulator listening on {server.Endpoint.GetLeftPart(UriPartial.Authority)}");
    if (!settings.Quiet)
    {
        Banner.PrintDetails(server, options);
    }

    if (settings.EndpointFile is { } endpointFile)
    {
        EndpointFile.Write(endpointFile, server.Endpoint.GetLeftPart(UriPartial.Authority));
    }

    await server.WaitForShutdownAsync();
    if (settings.EndpointFile is { } written)
    {
        File.Delete(written);
    }
}

return 0;

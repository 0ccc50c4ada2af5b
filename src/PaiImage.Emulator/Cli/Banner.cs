namespace PaiImage.Emulator.Cli;

/// <summary>What the emulator prints at start besides the endpoint.</summary>
internal static class Banner
{
    public static void PrintDetails(EmulatorServer server, EmulatorOptions options)
    {
        Console.WriteLine("Accepted credentials (signature V3, ACS3-HMAC-SHA256):");
        foreach (var credential in server.Credentials)
        {
            // Built-in values are emulator-only and public; configured secrets are never printed.
            var secret = credential.IsBuiltIn ? credential.AccessKeySecret : "<as configured>";
            var token = credential.SecurityToken is null ? "" : $"  SecurityToken={(credential.IsBuiltIn ? credential.SecurityToken : "<as configured>")}";
            Console.WriteLine($"  AccessKeyId={credential.AccessKeyId}  AccessKeySecret={secret}{token}");
        }

        var endpoint = server.Endpoint.GetLeftPart(UriPartial.Authority);
        Console.WriteLine($"Data: {options.DataFile ?? "in memory"}; default WorkspaceId: {options.DefaultWorkspaceId}");
        Console.WriteLine($"Admin (unsigned, loopback): GET|POST|DELETE {endpoint}/_emulator/faults, GET {endpoint}/_emulator/state, POST {endpoint}/_emulator/reset");
        Console.WriteLine("Press Ctrl+C to stop.");
    }
}

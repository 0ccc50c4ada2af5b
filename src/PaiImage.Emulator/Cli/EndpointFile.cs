namespace PaiImage.Emulator.Cli;

/// <summary>Writes the endpoint for scripts waiting on the file; the move makes it appear complete or not at all.</summary>
internal static class EndpointFile
{
    public static void Write(string path, string endpoint)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, endpoint + Environment.NewLine);
        File.Move(temp, path, overwrite: true);
    }
}

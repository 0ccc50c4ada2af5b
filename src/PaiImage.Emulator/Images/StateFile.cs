using System.Text.Json;
using PaiImage.Emulator.Json;

namespace PaiImage.Emulator.Images;

/// <summary>What <c>--data</c> persists.</summary>
internal sealed record PersistedState(IReadOnlyList<StoredImage> Images, long NextSequence);

/// <summary>
/// The state file. Every save writes a temp file, flushes it to disk and moves it over the real one, so a
/// kill mid-write leaves either the old or the new state — never a torn file.
/// </summary>
internal sealed class StateFile(string path)
{
    private readonly string _tempPath = path + ".tmp";

    public PersistedState? Load()
    {
        // A temp file left behind was never moved into place, so it was never the state: discard it.
        if (File.Exists(_tempPath))
        {
            File.Delete(_tempPath);
        }

        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, EmulatorJsonContext.Default.PersistedState)
                ?? throw new InvalidDataException($"The emulator data file '{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The emulator data file '{path}' is not valid emulator state; delete it or choose another --data file. {e.Message}", e);
        }
    }

    public void Save(PersistedState state)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        using (var stream = new FileStream(_tempPath, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, state, EmulatorJsonContext.Default.PersistedState);
            stream.Flush(flushToDisk: true);
        }

        File.Move(_tempPath, path, overwrite: true);
    }
}

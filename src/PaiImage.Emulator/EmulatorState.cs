using PaiImage.Emulator.Hosting;
using PaiImage.Emulator.Images;
using PaiImage.Emulator.Signing;

namespace PaiImage.Emulator;

/// <summary>What the emulator holds: its images and the requests it answered.</summary>
public sealed class EmulatorState
{
    private readonly ImageStore _store;
    private readonly RequestLog _requests;
    private readonly NonceRegistry _nonces;

    internal EmulatorState(ImageStore store, RequestLog requests, NonceRegistry nonces)
    {
        _store = store;
        _requests = requests;
        _nonces = nonces;
    }

    public IReadOnlyList<StoredImage> Images => _store.Snapshot();

    /// <summary>The API requests answered so far (admin requests excluded), oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.Snapshot();

    public StoredImage? Find(string imageId) => _store.Find(imageId);

    /// <summary>Removes all images, forgets the request log and used nonces.</summary>
    public void Clear()
    {
        _store.Clear();
        _requests.Clear();
        _nonces.Clear();
    }
}

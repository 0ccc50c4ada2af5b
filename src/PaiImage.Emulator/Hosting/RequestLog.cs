namespace PaiImage.Emulator.Hosting;

/// <summary>The most recent API requests, for assertions and the admin state endpoint.</summary>
internal sealed class RequestLog
{
    private const int Capacity = 10_000;
    private readonly Lock _gate = new();
    private readonly Queue<RecordedRequest> _entries = new();

    public void Add(RecordedRequest entry)
    {
        lock (_gate)
        {
            if (_entries.Count == Capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(entry);
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}

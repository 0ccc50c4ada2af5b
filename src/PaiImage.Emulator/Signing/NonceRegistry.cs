namespace PaiImage.Emulator.Signing;

/// <summary>Remembers signature nonces for the replay window so a reused one is refused.</summary>
internal sealed class NonceRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    /// <summary>Records the nonce; false when it was already used within the window.</summary>
    public bool TryUse(string nonce, DateTimeOffset now, TimeSpan window)
    {
        lock (_gate)
        {
            foreach (var expired in _expiries.Where(e => e.Value <= now).Select(e => e.Key).ToList())
            {
                _expiries.Remove(expired);
            }

            return _expiries.TryAdd(nonce, now + window);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _expiries.Clear();
        }
    }
}

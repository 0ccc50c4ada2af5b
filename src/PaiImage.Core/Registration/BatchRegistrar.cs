using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PaiImage.Core.Errors;
using PaiImage.Core.Operations;

namespace PaiImage.Core.Registration;

/// <summary>One image of a batch: where it came from (for reporting) and how to register it.</summary>
/// <param name="Line">The item's position in its input, e.g. the line number of a JSON-lines file.</param>
/// <param name="Request">The image to register.</param>
/// <param name="Policy">What to do when the name is taken by another ImageUri.</param>
public sealed record BatchItem(int Line, AddImageRequest Request, IfExistsPolicy Policy);

/// <summary>How one item ended: exactly one of <see cref="Result"/> and <see cref="Error"/> is set.</summary>
public sealed record BatchItemResult(BatchItem Item, RegistrationResult? Result, PaiException? Error);

/// <summary>
/// Registers many images through one <see cref="ImageRegistrar"/> with bounded concurrency. Lists each workspace's
/// images once up front rather than looking every name up (see <see cref="RegisteredImages"/>). A failing item
/// does not stop the others; each item yields exactly one result, in completion order (input order when the
/// concurrency is 1).
/// </summary>
public sealed class BatchRegistrar(ImageRegistrar registrar)
{
    public const int MaxConcurrency = 64;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concurrency"/> is not 1–<see cref="MaxConcurrency"/>.</exception>
    public async IAsyncEnumerable<BatchItemResult> RegisterAllAsync(
        IEnumerable<BatchItem> items,
        int concurrency,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(concurrency, MaxConcurrency);

        var results = Channel.CreateUnbounded<BatchItemResult>(new UnboundedChannelOptions { SingleReader = true });
        // Stops the registrations when the caller stops reading early.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = ProduceAsync(items, concurrency, results.Writer, stop.Token);
        var finished = false;
        try
        {
            await foreach (var result in results.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return result;
            }

            finished = true;
        }
        finally
        {
            if (!finished)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        // Rethrows what stopped the registrations: cancellation, or an error that is not a PaiException (a bug).
        await producer.ConfigureAwait(false);
    }

    private async Task ProduceAsync(IEnumerable<BatchItem> items, int concurrency, ChannelWriter<BatchItemResult> results, CancellationToken cancellationToken)
    {
        try
        {
            var batch = items.ToList();
            var registered = await ListRegisteredAsync(batch, concurrency, cancellationToken).ConfigureAwait(false);
            await Parallel.ForEachAsync(
                Enumerable.Range(0, batch.Count),
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (index, token) => results.TryWrite(await RegisterOneAsync(batch[index], registered[index], token).ConfigureAwait(false))).ConfigureAwait(false);
        }
        finally
        {
            results.Complete();
        }
    }

    /// <summary>For each item, what it decides from instead of looking its name up: its workspace's images, or null.</summary>
    private async Task<RegisteredImages?[]> ListRegisteredAsync(List<BatchItem> batch, int concurrency, CancellationToken cancellationToken)
    {
        var registered = new RegisteredImages?[batch.Count];
        foreach (var workspace in batch.Select((item, index) => (item.Request, Index: index)).GroupBy(entry => entry.Request.WorkspaceId))
        {
            // A name given twice must see what its first item registered, which a listing taken before cannot show.
            var once = workspace.GroupBy(entry => entry.Request.Name, StringComparer.Ordinal).Where(name => name.Count() == 1).Select(name => name.Single().Index).ToList();
            var images = await RegisteredImages.TryListAsync(registrar.Client, workspace.Key, once.Count, concurrency, cancellationToken).ConfigureAwait(false);
            foreach (var index in once)
            {
                registered[index] = images;
            }
        }

        return registered;
    }

    private async Task<BatchItemResult> RegisterOneAsync(BatchItem item, RegisteredImages? registered, CancellationToken cancellationToken)
    {
        try
        {
            return new BatchItemResult(item, await registrar.RegisterAsync(item.Request, item.Policy, registered, cancellationToken).ConfigureAwait(false), null);
        }
        catch (PaiException error)
        {
            return new BatchItemResult(item, null, error);
        }
    }
}

using PaiImage.Core.Errors;
using PaiImage.Core.Operations;
using PaiImage.Core.Validation;

namespace PaiImage.Core.Registration;

/// <summary>
/// The images registered in one workspace, listed once for a batch so that each image of the batch is looked
/// up here rather than by a ListImages call of its own.
/// </summary>
internal sealed class RegisteredImages
{
    private readonly ILookup<string?, ImageInfo> _byName;

    private RegisteredImages(IEnumerable<ImageInfo> images) => _byName = images.ToLookup(image => image.Name, StringComparer.Ordinal);

    /// <summary>The images of exactly that name.</summary>
    public IAsyncEnumerable<ImageInfo> Named(string name) => _byName[name].ToAsyncEnumerable();

    /// <summary>
    /// Lists the workspace: the first page tells how many pages there are, the others are fetched
    /// <paramref name="concurrency"/> at a time. Null when the images should rather be looked up one by one.
    /// </summary>
    /// <param name="workspaceId">The workspace; null lists what a lookup naming no workspace would search.</param>
    /// <param name="imageCount">How many images of the batch would look themselves up otherwise.</param>
    public static async Task<RegisteredImages?> TryListAsync(PaiImageClient client, string? workspaceId, int imageCount, int concurrency, CancellationToken cancellationToken)
    {
        // One lookup per image costs one request each (a name rarely fills a page). Listing costs the
        // workspace's pages; the first is paid before the count is known, so a single image never lists.
        if (imageCount < 2)
        {
            return null;
        }

        // A stable order (oldest first) so that pages fetched at the same time neither overlap nor leave gaps.
        var query = new ListImagesRequest { WorkspaceId = workspaceId, PageSize = ImageRequestValidator.MaxPageSize, SortBy = "GmtCreateTime", Order = "ASC" };
        try
        {
            var first = await client.ListImagesAsync(query with { PageNumber = 1 }, cancellationToken).ConfigureAwait(false);
            if (first.Images.Count == 0)
            {
                return first.TotalCount == 0 ? new RegisteredImages([]) : null;
            }

            // The service's largest page size is not documented: it may send fewer than asked, so count pages by what came.
            var pageSize = first.Images.Count;
            var pages = Math.Max(1, (first.TotalCount + pageSize - 1) / pageSize);
            if (pages > imageCount)
            {
                return null;
            }

            var rest = new IReadOnlyList<ImageInfo>[pages - 1];
            await Parallel.ForEachAsync(
                Enumerable.Range(2, rest.Length),
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (page, token) => rest[page - 2] = (await client.ListImagesAsync(query with { PageNumber = page }, token).ConfigureAwait(false)).Images).ConfigureAwait(false);

            // Images added or removed while listing shift the pages; only a listing that adds up is trusted.
            var images = first.Images.Concat(rest.SelectMany(page => page)).DistinctBy(image => image.ImageId).ToList();
            return images.Count == first.TotalCount ? new RegisteredImages(images) : null;
        }
        catch (PaiException)
        {
            // Not fatal: each image then looks itself up, and reports its own failure if the service stays unreachable.
            return null;
        }
    }
}

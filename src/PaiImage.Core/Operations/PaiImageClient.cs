namespace PaiImage.Core.Operations;

/// <summary>
/// The AIWorkspace image operations (API version 2021-02-04), one method each. Validates input before
/// sending; the HttpClient it is given signs and retries (see <see cref="PaiServiceCollectionExtensions"/>).
/// </summary>
public sealed class PaiImageClient(HttpClient httpClient)
{
    public const string ApiVersion = "2021-02-04";

    // CONTRACT STUBS — implemented by the client work.
    public Task<AddImageResponse> AddImageAsync(AddImageRequest request, CancellationToken cancellationToken) => throw Todo();

    public Task<ListImagesResponse> ListImagesAsync(ListImagesRequest request, CancellationToken cancellationToken) => throw Todo();

    /// <summary>Walks every page of ListImages.</summary>
    public IAsyncEnumerable<ImageInfo> ListAllImagesAsync(ListImagesRequest request, CancellationToken cancellationToken) => throw Todo();

    public Task<GetImageResponse> GetImageAsync(string imageId, bool verbose, CancellationToken cancellationToken) => throw Todo();

    public Task<ServiceAcknowledgement> RemoveImageAsync(string imageId, CancellationToken cancellationToken) => throw Todo();

    public Task<ServiceAcknowledgement> AddImageLabelsAsync(string imageId, IReadOnlyList<ImageLabel> labels, CancellationToken cancellationToken) => throw Todo();

    public Task<ServiceAcknowledgement> RemoveImageLabelsAsync(string imageId, string labelKey, CancellationToken cancellationToken) => throw Todo();

    public Task<ListImageLabelsResponse> ListImageLabelsAsync(ListImageLabelsRequest request, CancellationToken cancellationToken) => throw Todo();

    public Task<AddImageResponse> PublishImageAsync(string imageId, CancellationToken cancellationToken) => throw Todo();

    private NotImplementedException Todo() => new(httpClient.BaseAddress?.ToString());
}

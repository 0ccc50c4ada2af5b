using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PaiImage.Core.Errors;
using PaiImage.Core.Http;
using PaiImage.Core.Json;
using PaiImage.Core.Validation;

namespace PaiImage.Core.Operations;

/// <summary>
/// The AIWorkspace image operations (API version 2021-02-04), one method each. Validates input before
/// sending; the HttpClient it is given signs and retries (see <see cref="PaiServiceCollectionExtensions"/>).
/// </summary>
public sealed class PaiImageClient
{
    public const string ApiVersion = "2021-02-04";

    /// <summary>The page size <see cref="ListAllImagesAsync"/> uses when the request sets none.</summary>
    public const int DefaultListPageSize = 50;

    private const string ImagesPath = "/api/v1/images";

    private readonly HttpClient _httpClient;
    private readonly TimeProvider _clock;

    public PaiImageClient(HttpClient httpClient)
        : this(httpClient, TimeProvider.System)
    {
    }

    /// <param name="httpClient">Signs and retries; its BaseAddress is the endpoint.</param>
    /// <param name="clock">Used to report clock skew when the service rejects a timestamp.</param>
    public PaiImageClient(HttpClient httpClient, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(clock);
        _httpClient = httpClient;
        _clock = clock;
    }

    /// <summary>Registers an image. Not idempotent: after an ambiguous failure it is not resent (see <see cref="Registration.ImageRegistrar"/>).</summary>
    public async Task<AddImageResponse> AddImageAsync(AddImageRequest request, CancellationToken cancellationToken)
    {
        ImageRequestValidator.ThrowIfInvalid(request);
        var wire = request with { Accessibility = request.Accessibility?.ToUpperInvariant() };
        var builder = new PaiRequestBuilder("AddImage", HttpMethod.Post)
            .Path(ImagesPath)
            .JsonBody(JsonSerializer.SerializeToUtf8Bytes(wire, PaiJsonContext.Default.AddImageRequest))
            .SentAtMostOnce();
        var (response, _) = await SendAsync(builder, PaiJsonContext.Default.AddImageResponse, cancellationToken).ConfigureAwait(false);
        return RequireImageId(response, builder.Action);
    }

    public async Task<ListImagesResponse> ListImagesAsync(ListImagesRequest request, CancellationToken cancellationToken)
    {
        ImageRequestValidator.ThrowIfInvalid(request);
        var builder = new PaiRequestBuilder("ListImages", HttpMethod.Get)
            .Path(ImagesPath)
            .Query("WorkspaceId", request.WorkspaceId)
            .Query("Name", request.Name)
            .Query("ImageUri", request.ImageUri)
            .Query("Labels", JoinConditions(request.Labels))
            .Query("Accessibility", request.Accessibility?.ToUpperInvariant())
            .Query("Query", request.Query)
            .Query("PageNumber", request.PageNumber)
            .Query("PageSize", request.PageSize)
            .Query("SortBy", request.SortBy)
            .Query("Order", request.Order?.ToUpperInvariant())
            .Query("Verbose", request.Verbose);
        var (response, _) = await SendAsync(builder, PaiJsonContext.Default.ListImagesResponse, cancellationToken).ConfigureAwait(false);
        return response with { Images = response.Images ?? [] };
    }

    /// <summary>
    /// Walks every page of ListImages, from the request's PageNumber (default 1) with its PageSize (default
    /// <see cref="DefaultListPageSize"/>), until TotalCount is reached or a page comes back empty.
    /// </summary>
    public async IAsyncEnumerable<ImageInfo> ListAllImagesAsync(ListImagesRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pageSize = request.PageSize ?? DefaultListPageSize;
        for (var pageNumber = request.PageNumber ?? 1; ; pageNumber++)
        {
            var page = await ListImagesAsync(request with { PageNumber = pageNumber, PageSize = pageSize }, cancellationToken).ConfigureAwait(false);
            foreach (var image in page.Images)
            {
                yield return image;
            }

            if (page.Images.Count == 0 || (long)pageNumber * pageSize >= page.TotalCount)
            {
                yield break;
            }
        }
    }

    /// <summary>Describes one image; <see cref="ImageInfo.ImageId"/> is filled from <paramref name="imageId"/> (the reply has none).</summary>
    public async Task<GetImageResponse> GetImageAsync(string imageId, bool verbose, CancellationToken cancellationToken)
    {
        ImageRequestValidator.ThrowIfInvalidImageId(imageId);
        var builder = new PaiRequestBuilder("GetImage", HttpMethod.Get).Path(ImagesPath).Segment(imageId).Query("Verbose", verbose);
        var (image, body) = await SendAsync(builder, PaiJsonContext.Default.ImageInfo, cancellationToken).ConfigureAwait(false);
        var requestId = Deserialize(body, PaiJsonContext.Default.ServiceAcknowledgement, builder.Action).RequestId;
        return new GetImageResponse(requestId, image with { ImageId = imageId });
    }

    public async Task<ServiceAcknowledgement> RemoveImageAsync(string imageId, CancellationToken cancellationToken)
    {
        ImageRequestValidator.ThrowIfInvalidImageId(imageId);
        var builder = new PaiRequestBuilder("RemoveImage", HttpMethod.Delete).Path(ImagesPath).Segment(imageId);
        return (await SendAsync(builder, PaiJsonContext.Default.ServiceAcknowledgement, cancellationToken).ConfigureAwait(false)).Reply;
    }

    public async Task<ServiceAcknowledgement> AddImageLabelsAsync(string imageId, IReadOnlyList<ImageLabel> labels, CancellationToken cancellationToken)
    {
        ImageRequestValidator.ThrowIfInvalidImageId(imageId);
        ImageRequestValidator.ThrowIfInvalidLabels(labels);
        var builder = new PaiRequestBuilder("AddImageLabels", HttpMethod.Post)
            .Path(ImagesPath).Segment(imageId).Path("/labels")
            .JsonBody(JsonSerializer.SerializeToUtf8Bytes(new AddImageLabelsBody(labels), PaiJsonContext.Default.AddImageLabelsBody));
        return (await SendAsync(builder, PaiJsonContext.Default.ServiceAcknowledgement, cancellationToken).ConfigureAwait(false)).Reply;
    }

    public async Task<ServiceAcknowledgement> RemoveImageLabelsAsync(string imageId, string labelKey, CancellationToken cancellationToken)
    {
        ImageRequestValidator.ThrowIfInvalidImageId(imageId);
        ImageRequestValidator.ThrowIfInvalidLabelKey(labelKey);
        var builder = new PaiRequestBuilder("RemoveImageLabels", HttpMethod.Delete).Path(ImagesPath).Segment(imageId).Path("/labels").Segment(labelKey);
        return (await SendAsync(builder, PaiJsonContext.Default.ServiceAcknowledgement, cancellationToken).ConfigureAwait(false)).Reply;
    }

    public async Task<ListImageLabelsResponse> ListImageLabelsAsync(ListImageLabelsRequest request, CancellationToken cancellationToken)
    {
        ImageRequestValidator.ThrowIfInvalid(request);
        var builder = new PaiRequestBuilder("ListImageLabels", HttpMethod.Get)
            .Path("/api/v1/image/labels")
            .Query("ImageId", request.ImageId)
            .Query("LabelFilter", JoinConditions(request.LabelFilter))
            .Query("LabelKeys", request.LabelKeys is null ? null : string.Join(',', request.LabelKeys))
            .Query("Region", request.Region)
            .Query("WorkspaceId", request.WorkspaceId);
        var (response, _) = await SendAsync(builder, PaiJsonContext.Default.ListImageLabelsResponse, cancellationToken).ConfigureAwait(false);
        return response with { Labels = response.Labels ?? [] };
    }

    /// <summary>Makes a PRIVATE image PUBLIC.</summary>
    public async Task<AddImageResponse> PublishImageAsync(string imageId, CancellationToken cancellationToken)
    {
        ImageRequestValidator.ThrowIfInvalidImageId(imageId);
        var builder = new PaiRequestBuilder("PublishImage", HttpMethod.Put).Path(ImagesPath).Segment(imageId).Path("/publish");
        var (response, _) = await SendAsync(builder, PaiJsonContext.Default.AddImageResponse, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(response.ImageId) ? response with { ImageId = imageId } : response;
    }

    private static string? JoinConditions(IReadOnlyList<ImageLabel>? labels) =>
        labels is null ? null : string.Join(',', labels.Select(label => $"{label.Key}={label.Value}"));

    private async Task<(T Reply, string Body)> SendAsync<T>(PaiRequestBuilder builder, JsonTypeInfo<T> replyType, CancellationToken cancellationToken)
    {
        using var request = builder.Build();
        try
        {
            using var response = await _httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw ServiceErrorParser.Parse(response, body, _clock);
            }

            return (Deserialize(body, replyType, builder.Action, (int)response.StatusCode), body);
        }
        catch (HttpRequestException exception)
        {
            throw new PaiTransportException(
                ClientErrorCodes.NetworkFailure,
                $"{builder.Action} failed on the network to {Endpoint} (no complete answer came back): {Describe(exception)}",
                "Check the endpoint or region, the network and any proxy (HTTPS_PROXY, NO_PROXY), then try again.",
                exception);
        }
        catch (RequestTimeoutException exception)
        {
            throw new PaiTransportException(
                ClientErrorCodes.Timeout,
                $"{builder.Action} got no answer from {Endpoint} within {exception.Timeout.TotalSeconds:0.###} s.",
                "Check the network and the endpoint, or raise the attempt or total timeout, then try again.",
                exception);
        }
    }

    private T Deserialize<T>(string body, JsonTypeInfo<T> replyType, string action, int statusCode = 200)
    {
        try
        {
            return JsonSerializer.Deserialize(body, replyType) ?? throw new JsonException("The reply is JSON null.");
        }
        catch (JsonException exception)
        {
            throw new PaiServiceException(
                ClientErrorCodes.UnreadableReply,
                $"{action} succeeded with HTTP {statusCode} at {Endpoint}, but its reply is not the expected JSON: {exception.Message}",
                "Check that the endpoint is the AIWorkspace API (and not a proxy or another product), then try again.",
                statusCode,
                serviceCode: null,
                serviceMessage: null,
                requestId: null,
                hostId: null,
                recommend: null,
                isTransient: true,
                exception);
        }
    }

    private AddImageResponse RequireImageId(AddImageResponse response, string action) =>
        string.IsNullOrEmpty(response.ImageId)
            ? throw new PaiServiceException(
                ClientErrorCodes.UnreadableReply,
                $"{action} succeeded at {Endpoint} but the reply names no ImageId (RequestId {response.RequestId ?? "none"}).",
                "List the images to find the new one, or try again.",
                200,
                serviceCode: null,
                serviceMessage: null,
                requestId: response.RequestId,
                hostId: null,
                recommend: null,
                isTransient: true)
            : response;

    private string Endpoint => _httpClient.BaseAddress?.GetLeftPart(UriPartial.Authority) ?? "the PAI endpoint";

    private static string Describe(HttpRequestException exception)
    {
        var socketError = (exception.InnerException as SocketException)?.SocketErrorCode;
        return socketError is null ? exception.Message : $"{exception.Message} ({socketError})";
    }
}

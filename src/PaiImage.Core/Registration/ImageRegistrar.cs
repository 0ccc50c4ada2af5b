using PaiImage.Core.Errors;
using PaiImage.Core.Http;
using PaiImage.Core.Operations;
using PaiImage.Core.Validation;

namespace PaiImage.Core.Registration;

/// <summary>
/// Registers an image so that re-running is safe and nothing is registered twice: looks the name up first,
/// applies the <see cref="IfExistsPolicy"/>, and after an ambiguous failure of AddImage checks whether the
/// image was stored before sending it again.
/// </summary>
public sealed class ImageRegistrar
{
    private readonly PaiImageClient _client;
    private readonly int _maxAttempts;
    private readonly TimeSpan _retryBaseDelay;
    private readonly TimeProvider _clock;

    public ImageRegistrar(PaiImageClient client)
        : this(client, new PaiClientOptions())
    {
    }

    /// <param name="client">The client that sends the requests.</param>
    /// <param name="options">Bounds the resends after ambiguous failures: <see cref="PaiClientOptions.MaxAttempts"/> and <see cref="PaiClientOptions.RetryBaseDelay"/>.</param>
    public ImageRegistrar(PaiImageClient client, PaiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _maxAttempts = options.MaxAttempts;
        _retryBaseDelay = options.RetryBaseDelay;
        _clock = options.TimeProvider;
    }

    /// <summary>Validates the request, then registers it unless the name is taken, as <paramref name="policy"/> says.</summary>
    /// <exception cref="PaiValidationException">The request breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="PaiConflictException">The name is registered with another ImageUri and the policy is Fail (PAI1030).</exception>
    public Task<RegistrationResult> RegisterAsync(AddImageRequest request, IfExistsPolicy policy, CancellationToken cancellationToken) =>
        RegisterAsync(request, policy, registered: null, cancellationToken);

    /// <summary>The client the registrar sends with, for a batch to list what is registered.</summary>
    internal PaiImageClient Client => _client;

    /// <summary>As <see cref="RegisterAsync(AddImageRequest, IfExistsPolicy, CancellationToken)"/>, deciding from <paramref name="registered"/> when given instead of looking the name up.</summary>
    /// <param name="registered">A snapshot of the request's workspace, taken before; the lookup after an ambiguous failure still asks the service.</param>
    internal async Task<RegistrationResult> RegisterAsync(AddImageRequest request, IfExistsPolicy policy, RegisteredImages? registered, CancellationToken cancellationToken)
    {
        ImageRequestValidator.ThrowIfInvalid(request);
        var existing = await PickAsync(request, registered?.Named(request.Name) ?? ListNamed(request, cancellationToken)).ConfigureAwait(false);
        if (existing is null)
        {
            return await AddAsync(request, RegistrationOutcome.Created, cancellationToken).ConfigureAwait(false);
        }

        if (existing.ImageUri == request.ImageUri)
        {
            return Result(request, existing.ImageId!, requestId: null, RegistrationOutcome.Existing);
        }

        switch (policy)
        {
            case IfExistsPolicy.Skip:
                return Result(request, existing.ImageId!, requestId: null, RegistrationOutcome.Skipped);
            case IfExistsPolicy.Replace:
                await _client.RemoveImageAsync(existing.ImageId!, cancellationToken).ConfigureAwait(false);
                return await AddAsync(request, RegistrationOutcome.Replaced, cancellationToken).ConfigureAwait(false);
            default:
                throw new PaiConflictException(
                    ClientErrorCodes.NameConflict,
                    $"The image name '{request.Name}' is already registered{InWorkspace(request)} as {existing.ImageId} with ImageUri '{existing.ImageUri}', not '{request.ImageUri}'.",
                    "Choose what to do when the name exists: --if-exists skip|replace (MSBuild: PaiImageIfExists=Skip or Replace), or use another name.",
                    existing.ImageId!,
                    existing.ImageUri ?? string.Empty);
        }
    }

    /// <summary>
    /// Sends AddImage; after a failure that leaves open whether the image was stored, looks the name up and
    /// reports the stored image, or sends again (bounded, with backoff).
    /// </summary>
    private async Task<RegistrationResult> AddAsync(AddImageRequest request, RegistrationOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            return await AddWithResendsAsync(request, outcome, cancellationToken).ConfigureAwait(false);
        }
        catch (PaiException failure) when (IsAmbiguous(failure))
        {
            ImageInfo? stored;
            try
            {
                stored = await FindSameAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (PaiException lookupFailure)
            {
                throw new PaiTransportException(
                    ClientErrorCodes.OutcomeUnknown,
                    $"AddImage of '{request.Name}' failed in a way that leaves open whether it was stored ({failure.Code}: {failure.Message}), and looking the name up failed too ({lookupFailure.Code}: {lookupFailure.Message}).",
                    "Run the registration again when the service is reachable: it looks the name up first and will not register the image twice.",
                    failure);
            }

            if (stored is null)
            {
                throw;
            }

            return Result(request, stored.ImageId!, requestId: null, outcome);
        }
    }

    private async Task<RegistrationResult> AddWithResendsAsync(AddImageRequest request, RegistrationOutcome outcome, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (attempt > 1 && await FindSameAsync(request, cancellationToken).ConfigureAwait(false) is { } stored)
                {
                    return Result(request, stored.ImageId!, requestId: null, outcome);
                }

                var added = await _client.AddImageAsync(request, cancellationToken).ConfigureAwait(false);
                return Result(request, added.ImageId, added.RequestId, outcome);
            }
            catch (PaiException failure) when (attempt < _maxAttempts && IsAmbiguous(failure))
            {
                await Task.Delay(Backoff.Delay(attempt, _retryBaseDelay), _clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<ImageInfo?> FindSameAsync(AddImageRequest request, CancellationToken cancellationToken) =>
        await PickAsync(request, ListNamed(request, cancellationToken)).ConfigureAwait(false) is { } found && found.ImageUri == request.ImageUri ? found : null;

    private IAsyncEnumerable<ImageInfo> ListNamed(AddImageRequest request, CancellationToken cancellationToken) =>
        _client.ListAllImagesAsync(new ListImagesRequest { WorkspaceId = request.WorkspaceId, Name = request.Name, PageSize = PaiImageClient.DefaultListPageSize }, cancellationToken);

    /// <summary>ListImages matches names fuzzily, so keep exact matches only; prefer one with the same ImageUri.</summary>
    private static async Task<ImageInfo?> PickAsync(AddImageRequest request, IAsyncEnumerable<ImageInfo> images)
    {
        ImageInfo? first = null;
        await foreach (var image in images.ConfigureAwait(false))
        {
            if (image.Name != request.Name || string.IsNullOrEmpty(image.ImageId)
                || (request.WorkspaceId is not null && image.WorkspaceId is not null && image.WorkspaceId != request.WorkspaceId))
            {
                continue;
            }

            if (image.ImageUri == request.ImageUri)
            {
                return image;
            }

            first ??= image;
        }

        return first;
    }

    /// <summary>
    /// True when the server may have stored the image: a timeout, a connection lost after sending, a 5xx or an
    /// unreadable success reply. A connection that was never made is not ambiguous.
    /// </summary>
    private static bool IsAmbiguous(PaiException exception) => exception switch
    {
        PaiTransportException { InnerException: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } } => false,
        PaiTransportException => true,
        PaiServiceException service => service.StatusCode >= 500 || service.Code == ClientErrorCodes.UnreadableReply,
        _ => false,
    };

    private static RegistrationResult Result(AddImageRequest request, string imageId, string? requestId, RegistrationOutcome outcome) =>
        new(imageId, requestId, request.Name, request.ImageUri, request.WorkspaceId, outcome);

    private static string InWorkspace(AddImageRequest request) =>
        request.WorkspaceId is null ? string.Empty : $" in workspace {request.WorkspaceId}";
}

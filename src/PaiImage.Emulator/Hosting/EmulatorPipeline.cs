using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using PaiImage.Emulator.Faults;
using PaiImage.Emulator.Json;
using PaiImage.Emulator.Signing;

namespace PaiImage.Emulator.Hosting;

/// <summary>
/// Runs before every operation: request id and Date header, injected faults, signature and action/version
/// checks; buffers the answer so it can be dropped or cut short afterwards.
/// </summary>
internal sealed class EmulatorPipeline(
    FaultController faults, SignatureVerifier verifier, EmulatorClock clock, RequestLog log, Action<RecordedRequest>? observer)
{
    public const string ApiVersion = "2021-02-04";
    public const string AdminPrefix = "/_emulator";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var requestId = Guid.NewGuid().ToString().ToUpperInvariant();
        context.Response.Headers.Date = clock.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        context.Response.Headers["x-acs-request-id"] = requestId;

        if (context.Request.Path.StartsWithSegments(AdminPrefix))
        {
            await InvokeAdminAsync(context, next);
            return;
        }

        var plan = faults.Plan();
        if (plan.DelayMs > 0)
        {
            await Task.Delay(plan.DelayMs, context.RequestAborted);
        }

        var operation = context.GetEndpoint()?.Metadata.GetMetadata<PaiOperation>()?.Action;
        var originalBody = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        string? errorCode;
        try
        {
            errorCode = await HandleAsync(context, next, plan, operation, requestId);
        }
        finally
        {
            context.Response.Body = originalBody;
        }

        var drop = plan.RandomDrop || faults.TakeDrop(operation, errorCode is null);
        var cut = !drop && (plan.RandomCut || faults.TakeCut());
        Record(context, errorCode, drop || cut);
        if (drop)
        {
            context.Abort();
            return;
        }

        var bytes = buffer.ToArray();
        context.Response.ContentLength = bytes.Length;
        if (cut)
        {
            // Completing with fewer bytes than Content-Length makes Kestrel close the connection after
            // sending them; an explicit Abort() could reset it before the client sees the partial body.
            await originalBody.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted);
            return;
        }

        await originalBody.WriteAsync(bytes, context.RequestAborted);
    }

    private static async Task InvokeAdminAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Connection.RemoteIpAddress is { } address && !IPAddress.IsLoopback(address))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await next(context);
    }

    private async Task<string?> HandleAsync(HttpContext context, RequestDelegate next, FaultPlan plan, string? operation, string requestId)
    {
        try
        {
            if (plan.Failure is { } failure)
            {
                throw Injected(failure, plan.RetryAfterMs);
            }

            var target = RawRequestTarget.Parse(context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget);
            var body = await ReadBodyAsync(context.Request, context.RequestAborted);
            var credential = verifier.Verify(context.Request, target, body, clock.UtcNow);
            CheckVersionAndAction(context.Request, operation);
            context.Features.Set(new ApiRequest(requestId, target, body, credential));
            await next(context);
            return null;
        }
        catch (ApiException e)
        {
            await WriteErrorAsync(context, e, requestId);
            return e.Code;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An emulator bug or an unwritable --data file still answers like the service would.
            await WriteErrorAsync(context, Injected(FaultKind.InternalError, 0), requestId);
            return ErrorCodes.InternalError;
        }
    }

    private static void CheckVersionAndAction(HttpRequest request, string? operation)
    {
        if (request.Headers["x-acs-version"].ToString() != ApiVersion)
        {
            throw new ApiException(400, ErrorCodes.InvalidVersion, $"Specified parameter Version is not valid; AIWorkspace expects x-acs-version {ApiVersion}.");
        }

        if (operation is null || request.Headers["x-acs-action"].ToString() != operation)
        {
            throw new ApiException(404, ErrorCodes.InvalidActionNotFound, "Specified api is not found, please check your url and method.");
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        return body.ToArray();
    }

    private static ApiException Injected(FaultKind kind, int retryAfterMs) => kind switch
    {
        FaultKind.ServiceUnavailable => new ApiException(503, ErrorCodes.ServiceUnavailable, "The request has failed due to a temporary failure of the server."),
        FaultKind.Throttling => new ApiException(400, ErrorCodes.ThrottlingUser, "Request was denied due to user flow control.") { RetryAfterMs = retryAfterMs },
        _ => new ApiException(500, ErrorCodes.InternalError, "The request processing has failed due to some unknown error."),
    };

    private static async Task WriteErrorAsync(HttpContext context, ApiException error, string requestId)
    {
        context.Response.Body.SetLength(0);
        context.Response.StatusCode = error.Status;
        if (error.RetryAfterMs is { } retryAfter)
        {
            context.Response.Headers["x-acs-retry-after"] = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        var recommend = $"https://api.alibabacloud.com/troubleshoot?intl_lang=EN_US&q={Uri.EscapeDataString(error.Code)}&product=AIWorkSpace&requestId={requestId}";
        var body = new ErrorResponse(requestId, context.Request.Headers.Host.ToString(), error.Code, error.Message, recommend)
        {
            CanonicalRequest = error.CanonicalRequest,
        };
        await context.Response.WriteAsJsonAsync(body, EmulatorJsonContext.Default.ErrorResponse, cancellationToken: context.RequestAborted);
    }

    private void Record(HttpContext context, string? errorCode, bool aborted)
    {
        var entry = new RecordedRequest(
            clock.UtcNow,
            context.Request.Method,
            context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            context.Request.Headers["x-acs-action"].FirstOrDefault(),
            context.Response.StatusCode,
            errorCode,
            aborted);
        log.Add(entry);
        observer?.Invoke(entry);
    }
}

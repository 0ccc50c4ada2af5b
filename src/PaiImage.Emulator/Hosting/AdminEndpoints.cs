using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PaiImage.Emulator.Faults;
using PaiImage.Emulator.Json;

namespace PaiImage.Emulator.Hosting;

/// <summary>
/// Unsigned control routes, loopback only: GET/POST/DELETE /_emulator/faults (POST merges the fields given), GET /_emulator/state, POST /_emulator/reset.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, EmulatorState state, FaultController faults, EmulatorClock clock)
    {
        routes.MapGet(EmulatorPipeline.AdminPrefix + "/faults", context =>
            context.Response.WriteAsJsonAsync(faults.Current, EmulatorJsonContext.Default.FaultSettings, cancellationToken: context.RequestAborted));

        routes.MapPost(EmulatorPipeline.AdminPrefix + "/faults", async context =>
        {
            try
            {
                var patch = await JsonSerializer.DeserializeAsync(context.Request.Body, EmulatorJsonContext.Default.FaultSettingsPatch, context.RequestAborted)
                    ?? throw new ArgumentException("The body must be a JSON object.");
                faults.Update(patch.ApplyTo);
            }
            catch (Exception e) when (e is JsonException or ArgumentException)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync(e.Message, context.RequestAborted);
                return;
            }

            await context.Response.WriteAsJsonAsync(faults.Current, EmulatorJsonContext.Default.FaultSettings, cancellationToken: context.RequestAborted);
        });

        routes.MapDelete(EmulatorPipeline.AdminPrefix + "/faults", context =>
        {
            faults.Reset();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });

        routes.MapGet(EmulatorPipeline.AdminPrefix + "/state", context =>
        {
            var body = new EmulatorStateResponse(state.Images, state.Requests, faults.Current, EmulatorClock.Format(clock.UtcNow));
            return context.Response.WriteAsJsonAsync(body, EmulatorJsonContext.Default.EmulatorStateResponse, cancellationToken: context.RequestAborted);
        });

        routes.MapPost(EmulatorPipeline.AdminPrefix + "/reset", context =>
        {
            state.Clear();
            faults.Reset();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
    }
}

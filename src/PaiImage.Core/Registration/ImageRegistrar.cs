using PaiImage.Core.Operations;

namespace PaiImage.Core.Registration;

/// <summary>
/// Registers an image so that re-running is safe and nothing is registered twice: looks the name up first,
/// applies the <see cref="IfExistsPolicy"/>, and after an ambiguous failure of AddImage checks whether the
/// image was stored before sending it again.
/// </summary>
public sealed class ImageRegistrar(PaiImageClient client)
{
    // CONTRACT STUB — implemented by the client work.
    public Task<RegistrationResult> RegisterAsync(AddImageRequest request, IfExistsPolicy policy, CancellationToken cancellationToken) =>
        throw new NotImplementedException(client.ToString());
}

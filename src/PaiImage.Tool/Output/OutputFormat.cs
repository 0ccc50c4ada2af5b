namespace PaiImage.Tool.Output;

internal enum OutputFormat
{
    Text,
    Json,
}

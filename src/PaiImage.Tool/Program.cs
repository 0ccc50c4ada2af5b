using PaiImage.Tool;

return await PaiImageCli.RunAsync(args, CliHost.FromProcess()).ConfigureAwait(false);

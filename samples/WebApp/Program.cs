var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();

app.MapGet("/", () => "Hello from the PaiImage.Build web sample.");
app.MapGet("/healthz", () => Results.Ok());

app.Run();

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/api/method/ping", () => Results.Json(new { message = "pong" }));
await app.RunAsync();

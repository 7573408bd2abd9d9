using System.Collections.Concurrent;
using Microsoft.Extensions.Http;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// Wraps the primary handler of every HTTP client the portal builds, once all of its configuration has run, so it
/// sees each attempt inside the retry pipeline: counts every attempt's status code (0 when no answer came).
/// </summary>
public sealed class ResponseCounter : IHttpMessageHandlerBuilderFilter
{
    private readonly ConcurrentDictionary<int, int> _statuses = new();

    public int Total => _statuses.Values.Sum();

    public int this[int status] => _statuses.GetValueOrDefault(status);

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        builder.PrimaryHandler = new Counting(this) { InnerHandler = builder.PrimaryHandler };
    };

    public override string ToString() => string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no answer" : s.Key)}: {s.Value}"));

    private sealed class Counting(ResponseCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                counter._statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                return response;
            }
            catch (HttpRequestException)
            {
                counter._statuses.AddOrUpdate(0, 1, (_, n) => n + 1);
                throw;
            }
        }
    }
}

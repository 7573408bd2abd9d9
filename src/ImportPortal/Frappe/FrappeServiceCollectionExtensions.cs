using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace ImportPortal.Frappe;

internal static class FrappeServiceCollectionExtensions
{
    public const string PipelineName = "frappe";

    public const string AttachmentClient = "attachments";

    /// <summary>The Refit client for Frappe sites, signed per site, with retries only where repeating is safe and a circuit per site.</summary>
    public static IServiceCollection AddFrappeSites(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FrappeClientOptions>(configuration.GetSection(FrappeClientOptions.SectionName));
        services.AddTransient<FrappeSiteHandler>();
        services.AddSingleton<SitePacing>();
        services.AddTransient<PacingHandler>();
        services.AddTransient<PaceObserverHandler>();
        services.AddSingleton<FrappeSiteClientFactory>();

        var builder = services.AddRefitGeneratedClient<IFrappeApi>(new RefitSettings(new FrappeJsonSerializer()))
            .ConfigureHttpClient(http =>
            {
                http.BaseAddress = FrappeSiteHandler.PlaceholderBase;
                // The resilience pipeline owns every timeout.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect is the site's address being wrong (http:// in front of https://, a moved host): following
                // it turns a POST into a GET and drops the Authorization header, so the operator would read "the site
                // refused the key" or lose a write. The answer is reported instead, naming where it points.
                AllowAutoRedirect = false,
                // Token auth on every request (frappe-api.md §2): no session, so no cookie is kept, and none of one
                // site's cookies ever rides along on a request to another site or with another key.
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddHttpMessageHandler<FrappeSiteHandler>()
            .AddHttpMessageHandler<PacingHandler>()
            // The client's own logging (a scope and two lines per request) is off: FrappeSiteClient logs every failed
            // call with its site and decoded error, never a header; an insert that succeeded says nothing.
            .RemoveAllLoggers();
        builder.AddResilienceHandler(PipelineName, ConfigurePipeline).SelectPipelineByAuthority();

        // Attachments, fetched from where an export's links point: redirects are followed by the fetcher, each checked
        // against the allowed hosts; no cookie; its own timeout per file.
        services.AddHttpClient(AttachmentClient, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();
        // Added after the pipeline, so it sits inside it and sees every attempt.
        builder.AddHttpMessageHandler<PaceObserverHandler>();
        return services;
    }

    private static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<FrappeClientOptions>>().Value;
        pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();

        pipeline.AddTimeout(options.TotalTimeout);
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            Delay = options.FirstRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = true,
            MaxDelay = options.MaxRetryAfter,
            ShouldHandle = args => ValueTask.FromResult(
                FrappeRetryRules.IsSafeToRetry(args.Context.GetRequestMessage()?.Method ?? HttpMethod.Post, args.Outcome)),
        });
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            BreakDuration = options.CircuitBreakDuration,
            MinimumThroughput = 20,
            FailureRatio = 0.5,
            SamplingDuration = TimeSpan.FromSeconds(30),
            // A rate limit is the site pacing us, not the site failing.
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Result is { } r
                    ? r.StatusCode != System.Net.HttpStatusCode.TooManyRequests && FrappeRetryRules.IsTransientStatus(r.StatusCode)
                    : args.Outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException),
        });
        pipeline.AddTimeout(options.AttemptTimeout);
    }
}

using System.Net;
using System.Text;
using Microsoft.Extensions.Http;

namespace ImportPortal.Bench;

/// <summary>
/// Answers the import's ticket inserts and ticket lookups inside the portal's own HTTP pipeline, as the innermost
/// handler, instead of sending them: what is left is the portal's own cost per record (loop, records database,
/// Refit, resilience pipeline, pacing), measured without a site or a socket. Everything else goes to the simulator.
/// </summary>
internal sealed class InstantInserts : IHttpMessageHandlerBuilderFilter
{
    private long _names;

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        builder.AdditionalHandlers.Add(new Answering(this));
    };

    private sealed class Answering(InstantInserts owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri?.AbsolutePath ?? "";
            if (path.EndsWith("/api/resource/HD%20Ticket", StringComparison.Ordinal) || path.EndsWith("/api/resource/HD Ticket", StringComparison.Ordinal))
            {
                if (request.Method == HttpMethod.Post)
                {
                    // Read like a server would, then answer with a document of a real answer's size.
                    await request.Content!.ReadAsByteArrayAsync(cancellationToken);
                    var name = Interlocked.Increment(ref owner._names);
                    return Json($$$"""{"data":{"name":{{{name}}},"doctype":"HD Ticket","status":"Open","priority":"Medium","ticket_type":"Unspecified","subject":"Phiếu {{{name}}}","raised_by":"khach{{{name}}}@example.vn","opening_date":"2024-01-15","opening_time":"10:00:00","agent_group":null,"customer":null,"contact":null,"via_customer_portal":0,"docstatus":0,"owner":"Administrator","creation":"2026-11-29 10:00:00.000000","modified":"2026-11-29 10:00:00.000000","modified_by":"Administrator","idx":0}}""");
                }

                if (request.Method == HttpMethod.Get)
                {
                    return Json("""{"data":[]}""");
                }
            }

            return await base.SendAsync(request, cancellationToken);
        }

        private static HttpResponseMessage Json(string body) =>
            new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}

using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace FrappeSimulator.Hosting;

/// <summary>
/// Gunicorn, which serves every bench site (frappe_docker and bench's supervisor config start it without
/// <c>--limit-request-line</c>), refuses a request line longer than its default 4,094 bytes before Frappe sees the
/// request: 400 Bad Request with its own HTML page, and the connection closed. A list whose filters name many values
/// travels in the query string, so a client must keep them under it.
/// </summary>
sealed class RequestLineLimit(RequestDelegate next, int limit)
{
    public const int GunicornDefault = 4094;

    public async Task InvokeAsync(HttpContext http)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString).ToString();
        // The line as it came: method, target, version, each separated by one space (the CRLF is not counted).
        var size = Encoding.ASCII.GetByteCount(http.Request.Method) + 1 + Encoding.UTF8.GetByteCount(target) + 1 + Encoding.ASCII.GetByteCount(http.Request.Protocol);
        if (limit <= 0 || size <= limit)
        {
            await next(http);
            return;
        }

        var message = WebUtility.HtmlEncode($"Request Line is too large ({size} > {limit})");
        var page = $"<html>\n  <head>\n    <title>Bad Request</title>\n  </head>\n  <body>\n    <h1><p>Bad Request</p></h1>\n    {message}\n  </body>\n</html>\n";
        var bytes = Encoding.UTF8.GetBytes(page);
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/html";
        http.Response.ContentLength = bytes.Length;
        http.Response.Headers.Connection = "close";
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }
}

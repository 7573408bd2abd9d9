using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace ImportPortal.Frappe;

/// <summary>
/// Refit's JSON for Frappe, which speaks UTF-8 JSON only. A body goes out as UTF-8 bytes with a Content-Length, and
/// Vietnamese text as itself rather than <c>\u</c> escapes (a third of the bytes). An answer is read from its stream
/// as UTF-8 without looking its charset up by name: with the code-page encodings registered (for old CSV exports)
/// that lookup went through their provider on every response.
/// </summary>
internal sealed class FrappeJsonSerializer : IHttpContentSerializer
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public HttpContent ToHttpContent<T>(T item)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(item, Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    public async Task<T?> FromHttpContentAsync<T>(HttpContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(stream, Options, cancellationToken);
    }

    public string? GetFieldNameForProperty(PropertyInfo propertyInfo) =>
        propertyInfo?.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? propertyInfo?.Name;
}

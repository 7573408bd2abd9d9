using System.Text;
using System.Text.Json.Nodes;

namespace FrappeSimulator.Tests.Support;

/// <summary>Small HTTP helpers that speak Frappe's envelopes.</summary>
public static class FrappeCalls
{
    public static async Task<Answer> Post(this HttpClient client, string path, JsonNode body) =>
        await Answer.From(await client.PostAsync(Escape(path), Json(body)));

    public static async Task<Answer> Put(this HttpClient client, string path, JsonNode body) =>
        await Answer.From(await client.PutAsync(Escape(path), Json(body)));

    public static async Task<Answer> Get(this HttpClient client, string path) =>
        await Answer.From(await client.GetAsync(Escape(path)));

    public static async Task<Answer> Delete(this HttpClient client, string path) =>
        await Answer.From(await client.DeleteAsync(Escape(path)));

    public static Task<Answer> Insert(this HttpClient client, string doctype, JsonNode body) => client.Post($"api/resource/{doctype}", body);

    /// <summary>POST api/method/upload_file with the form fields, and a "file" part when there are bytes.</summary>
    public static async Task<Answer> Upload(this HttpClient client, byte[]? content, string? fileName, params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        if (content is not null)
        {
            form.Add(new ByteArrayContent(content), "file", fileName ?? "file");
        }

        return await Answer.From(await client.PostAsync("api/method/upload_file", form));
    }

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    static string Escape(string path) => path.Replace(" ", "%20", StringComparison.Ordinal);
}

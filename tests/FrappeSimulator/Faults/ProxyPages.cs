using System.Text;

namespace FrappeSimulator.Faults;

/// <summary>What nginx in front of gunicorn answers when the worker is gone or too slow.</summary>
static class ProxyPages
{
    public static async Task Write(HttpContext http, int status)
    {
        var title = status == 502 ? "502 Bad Gateway" : "504 Gateway Time-out";
        var page = $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n";
        var bytes = Encoding.UTF8.GetBytes(page);
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }
}

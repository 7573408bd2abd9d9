using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Api;

/// <summary>/api/resource/{doctype}[/{name}]: list, get, create, update, delete.</summary>
sealed class ResourceEndpoints(SimulatedSite site)
{
    public async Task Handle(HttpContext http, SessionUser user, string doctype, string? name)
    {
        var engine = site.Engine;
        var meta = engine.Meta(doctype);
        var args = await RequestArgs.ReadAsync(http.Request, http.RequestAborted);
        switch (http.Request.Method, name)
        {
            case ("GET", null):
                await FrappeResponses.Data(http, ListQuery.From(args, meta).Run(site, meta));
                break;
            case ("GET", _):
                await FrappeResponses.Data(http, engine.Get(meta.Name, name));
                break;
            case ("POST", null):
                var inserted = engine.InTransaction(tx => engine.Insert(meta.Name, RequestArgs.Document(args), user, tx));
                await FrappeResponses.Data(http, inserted.Doc, inserted.Messages);
                break;
            case ("PUT", not null):
                var saved = engine.InTransaction(tx => engine.Save(meta.Name, name, RequestArgs.Document(args), user, tx));
                await FrappeResponses.Data(http, saved);
                break;
            case ("DELETE", not null):
                engine.InTransaction(tx =>
                {
                    engine.Delete(meta.Name, name, tx);
                    return 0;
                });
                await FrappeResponses.Data(http, "ok", status: 202);
                break;
            default:
                throw FrappeErrors.Fail("ValidationError", $"Method {http.Request.Method} not allowed on this resource", 405);
        }
    }
}

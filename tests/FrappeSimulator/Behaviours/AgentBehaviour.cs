using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;

namespace FrappeSimulator.Behaviours;

/// <summary>HD Agent takes the user's full name when no agent_name is given.</summary>
sealed class AgentBehaviour(SimulatedSite site) : IDocTypeBehaviour
{
    public void BeforeValidate(DocumentContext ctx)
    {
        if (ctx.IsEmpty("agent_name") && site.Find("User", ctx.Text("user") ?? "") is { } user)
        {
            ctx.Doc["agent_name"] = JsonDocs.Text(user, "full_name");
        }
    }
}

using FrappeSimulator.Hosting;

namespace FrappeSimulator.Behaviours;

/// <summary>Which controller hooks run for which doctype.</summary>
sealed class BehaviourRegistry(SimulatedSite site)
{
    readonly Dictionary<string, IDocTypeBehaviour> byDoctype = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HD Ticket"] = new TicketBehaviour(site),
        ["Communication"] = new CommunicationBehaviour(site),
        ["Contact"] = new ContactBehaviour(site),
        ["User"] = new UserBehaviour(site),
        ["HD Agent"] = new AgentBehaviour(site),
        ["HD Team"] = new TeamBehaviour(site),
        ["Customer"] = new CustomerBehaviour(),
        ["HD Customer"] = site.HasCustomerMembers ? new HdCustomerBehaviour(site) : NoBehaviour.Instance,
        ["Custom Field"] = new CustomFieldBehaviour(site),
        ["File"] = new FileBehaviour(site),
    };

    public IDocTypeBehaviour For(string doctype) => byDoctype.GetValueOrDefault(doctype) ?? NoBehaviour.Instance;
}

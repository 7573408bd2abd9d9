using System.Net.Http.Headers;
using System.Text;
using FrappeSimulator.Tests.Support;

namespace FrappeSimulator.Tests.Api;

public class AuthenticationTests
{
    [Fact]
    public async Task Token_and_basic_authentication_both_log_in_as_the_api_user()
    {
        await using var sim = await Simulators.Start();
        using var token = sim.CreateClient();
        using var basic = new HttpClient { BaseAddress = sim.BaseUrl };
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sim.ApiKey}:{sim.ApiSecret}")));

        var viaToken = await token.Get("api/method/frappe.auth.get_logged_user");
        var viaBasic = await basic.Get("api/method/frappe.auth.get_logged_user");

        Assert.Equal("Administrator", viaToken.Message!.GetValue<string>());
        Assert.Equal("Administrator", viaBasic.Message!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_secret_is_401_AuthenticationError()
    {
        await using var sim = await Simulators.Start();
        using var client = new HttpClient { BaseAddress = sim.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", $"{sim.ApiKey}:wrong");

        var answer = await client.Get("api/resource/HD Ticket");

        Assert.Equal(401, answer.Status);
        Assert.Equal("AuthenticationError", answer.ExcType);
    }

    [Fact]
    public async Task No_authentication_is_403_on_methods_but_ping_answers_pong()
    {
        await using var sim = await Simulators.Start();
        using var client = new HttpClient { BaseAddress = sim.BaseUrl };

        var whoami = await client.Get("api/method/frappe.auth.get_logged_user");
        var ping = await client.Get("api/method/ping");

        Assert.Equal(403, whoami.Status);
        Assert.Equal("PermissionError", whoami.ExcType);
        Assert.Equal("pong", ping.Message!.GetValue<string>());
    }
}

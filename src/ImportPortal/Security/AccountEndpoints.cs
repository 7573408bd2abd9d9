using Microsoft.AspNetCore.Mvc;

namespace ImportPortal.Security;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapPortalAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post (antiforgery validated) so a link cannot sign someone out.
        endpoints.MapPost("/account/logout", async ([FromServices] Microsoft.AspNetCore.Identity.SignInManager<PortalUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login");
        }).AllowAnonymous();
        return endpoints;
    }
}

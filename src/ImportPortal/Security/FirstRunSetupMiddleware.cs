namespace ImportPortal.Security;

internal static class FirstRunSetupMiddleware
{
    public const string SetupPath = "/setup";

    /// <summary>Until the first Admin exists, every page leads to the setup page.</summary>
    public static IApplicationBuilder UseFirstRunSetup(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var exempt = path.StartsWithSegments(SetupPath)
                || path.StartsWithSegments("/health")
                || path.StartsWithSegments("/_framework")
                || path.StartsWithSegments("/_content")
                || path.StartsWithSegments("/_blazor")
                || path.StartsWithSegments("/culture")
                || Path.HasExtension(path.Value);
            if (!exempt && await context.RequestServices.GetRequiredService<FirstRunState>().IsSetupNeededAsync())
            {
                context.Response.Redirect(SetupPath);
                return;
            }

            await next(context);
        });
}

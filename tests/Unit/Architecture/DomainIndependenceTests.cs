using System.Xml.Linq;
using ImportPortal.Domain;
using ImportPortal.Tests.Unit.Infrastructure;

namespace ImportPortal.Tests.Unit.Architecture;

/// <summary>The Domain is pure logic: the compiler and this test keep ASP.NET, EF Core and HTTP out of it.</summary>
public sealed class DomainIndependenceTests
{
    private static readonly string[] Forbidden = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System.Net.Http", "Refit", "Hangfire", "MudBlazor"];

    [Fact]
    public void The_domain_project_references_no_web_database_or_http_package()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot.Path, "src", "ImportPortal.Domain", "ImportPortal.Domain.csproj"));

        Assert.Equal("Microsoft.NET.Sdk", (string?)project.Root!.Attribute("Sdk"));
        var packages = project.Descendants("PackageReference").Select(p => (string)p.Attribute("Include")!).ToList();
        Assert.DoesNotContain(packages, p => Forbidden.Any(f => p.StartsWith(f, StringComparison.OrdinalIgnoreCase)));
        Assert.Empty(project.Descendants("FrameworkReference"));
    }

    [Fact]
    public void The_compiled_domain_loads_no_web_database_or_http_assembly()
    {
        var references = typeof(DomainMarker).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, r => Forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal)));
    }
}

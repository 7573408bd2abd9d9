using System.Collections.Concurrent;
using System.Data.Common;
using ImportPortal.Components.Pages.Runs;
using ImportPortal.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Components.Runs;

/// <summary>
/// A run's pages give up their reads when they close: on a run of 100,000 failed records, summing up the causes takes
/// a third of a second, and a page closed (or left for another) must not go on reading for nobody. Each read below is
/// held in the database layer until its caller gives it up; one that nobody can give up would be held for ever.
/// </summary>
public sealed class PageClosingTests : RunPagesTest
{
    private readonly HeldReads _held = new();

    protected override void ConfigurePortal(IServiceCollection services) =>
        services.ConfigureDbContext<PortalDbContext>(db => db.AddInterceptors(_held));

    public static TheoryData<string> Pages => ["dashboard", "causes", "check", "removal"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_closed_page_gives_up_the_reads_it_was_waiting_for(string page)
    {
        var runId = await RunWithOneRefusedTicketAsync();
        var number = await H.Queries.NumberOfAsync(runId, CancellationToken.None) ?? throw new InvalidOperationException("no run");
        _held.Armed = true;

        _ = page switch
        {
            "dashboard" => (IComponent)Render<RunDashboardPage>(p => p.Add(x => x.Id, runId)).Instance,
            "causes" => Render<FailureCausesView>(p => p.Add(x => x.RunId, runId)).Instance,
            "check" => Render<SiteCheckPanel>(p => p.Add(x => x.RunId, runId).Add(x => x.Number, number).Add(x => x.Finished, true)).Instance,
            _ => Render<RemovalPanel>(p => p.Add(x => x.RunId, runId).Add(x => x.Number, number).Add(x => x.Finished, true)).Instance,
        };
        Assert.True(await _held.Started.WaitAsync(Wait, TestContext.Current.CancellationToken), "The page read nothing from the database.");

        await DisposeComponentsAsync();

        // Every read the page had under way ended as given up, none left waiting.
        await Task.WhenAll(_held.Reads.Select(read => Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(Wait, TestContext.Current.CancellationToken))));
        Assert.NotEmpty(_held.Reads);
    }

    /// <summary>Once armed, holds every read the portal starts until the caller gives it up.</summary>
    private sealed class HeldReads : DbCommandInterceptor
    {
        public volatile bool Armed;

        public SemaphoreSlim Started { get; } = new(0);

        public ConcurrentQueue<Task> Reads { get; } = new();

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Armed && SqliteReadInterrupt.IsRead(command.CommandText))
            {
                var held = Task.Delay(Timeout.Infinite, cancellationToken);
                Reads.Enqueue(held);
                Started.Release();
                await held;
            }

            return result;
        }
    }
}

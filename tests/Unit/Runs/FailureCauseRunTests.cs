using Hangfire.Common;
using ImportPortal.Domain.Migration;
using ImportPortal.Jobs;
using ImportPortal.Runs;
using ImportPortal.TestData;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// A run's failed records summed up by cause (real HTTP to the simulator, real SQLite): the site refuses three
/// tickets for their customer, each named in Frappe's message, and one for its subject; what waits on them fails too.
/// </summary>
public sealed class FailureCauseRunTests
{
    private const string Banned = "Tiêu đề có từ bị cấm";
    private static readonly string[] Companies = ["Công ty 2", "Công ty 5", "Công ty 8"];

    [Fact]
    public async Task Failed_records_are_summed_up_by_cause_with_the_values_each_cause_names()
    {
        await using var h = await RefusingHarnessAsync();
        var runId = await RunAsync(h);

        var causes = await h.Queries.CausesAsync(runId, CancellationToken.None);

        Assert.Equal(
            [
                (9L, null, RecordErrorKind.Dependency, "dependency failed: … — Could not find Customer: …"),
                (3L, RunStage.Tickets, RecordErrorKind.Data, "Could not find Customer: …"),
                (3L, null, RecordErrorKind.Dependency, $"dependency failed: … — {Banned}"),
                (1L, RunStage.Tickets, RecordErrorKind.Data, Banned),
            ],
            causes.Select(c => (c.Count, c.Cause.Stage, c.Cause.Kind!.Value, c.Cause.Template)).ToList());
        var link = causes[1];
        Assert.Equal((417, "LinkValidationError"), (link.Cause.HttpStatus, link.Cause.ExcType));
        Assert.Equal(Companies.Select(c => new CauseValue(c, 1)), link.Values);
        var waiting = causes[0];
        Assert.Equal([new CauseValue("Ticket 3", 3), new CauseValue("Ticket 6", 3), new CauseValue("Ticket 9", 3)], waiting.Values);
        Assert.Equal([RunStage.Conversations, RunStage.Finalise, RunStage.Assignments], waiting.Stages);
        Assert.Equal(1 + 9 + 3 + 3, causes.Sum(c => c.Count));
    }

    [Fact]
    public async Task A_cause_filters_the_error_list_to_its_records_and_only_those()
    {
        await using var h = await RefusingHarnessAsync();
        var runId = await RunAsync(h);
        var causes = await h.Queries.CausesAsync(runId, CancellationToken.None);

        foreach (var cause in causes)
        {
            var page = await h.Queries.RecordsAsync(runId, new RecordFilter(Cause: cause.Cause, Take: 100), CancellationToken.None);
            Assert.Equal(cause.Count, page.Total);
            Assert.All(page.Items, r => Assert.Equal(cause.Cause.Template, FailureCause.Of(r.Message).Template));
            Assert.Equal(cause.Count, (await h.Queries.IdsAsync(runId, new RecordFilter(Cause: cause.Cause), CancellationToken.None)).Count);
        }

        var link = causes.Single(c => c.Cause.ExcType == "LinkValidationError");
        var tickets = await h.Queries.RecordsAsync(runId, new RecordFilter(Cause: link.Cause), CancellationToken.None);
        Assert.Equal(["3", "6", "9"], tickets.Items.Select(r => r.SourceKey).Order(StringComparer.Ordinal));

        // A value of a cause: the records whose message named it, and only those.
        var oneCompany = await h.Queries.RecordsAsync(runId, new RecordFilter(Cause: link.Cause with { Value = "Công ty 5" }), CancellationToken.None);
        Assert.Equal(["6"], oneCompany.Items.Select(r => r.SourceKey));
        var waiting = causes.First(c => c.Cause.Kind == RecordErrorKind.Dependency);
        var onTicket6 = await h.Queries.RecordsAsync(runId, new RecordFilter(Cause: waiting.Cause with { Value = "Ticket 6" }), CancellationToken.None);
        Assert.Equal(3, onTicket6.Total);
        Assert.All(onTicket6.Items, r => Assert.StartsWith("dependency failed: Ticket 6 — ", r.Message, StringComparison.Ordinal));
        Assert.Empty((await h.Queries.RecordsAsync(runId, new RecordFilter(Cause: link.Cause with { Value = "Công ty 50" }), CancellationToken.None)).Items);
    }

    [Fact]
    public async Task Retrying_a_cause_once_fixed_sends_its_records_and_what_waited_on_them_and_skipping_one_sets_it_aside()
    {
        await using var h = await RefusingHarnessAsync();
        var runId = await RunAsync(h);
        var causes = await h.Queries.CausesAsync(runId, CancellationToken.None);
        var link = causes.Single(c => c.Cause.ExcType == "LinkValidationError");
        var waitingOnBanned = causes.Single(c => c.Cause.Kind == RecordErrorKind.Dependency && c.Cause.Template.EndsWith(Banned, StringComparison.Ordinal));

        // The site's administrator fixes the customers; the banned subject stays refused.
        h.Simulator.Faults.Rejections.Clear();
        h.Simulator.Faults.Rejections.Add("HD Ticket", d => d["raised_by"]?.ToString() == FreshdeskSampleWriter.RequesterEmail(3), Banned);

        // One value of the cause first: only the ticket whose message named it goes again, with what waited on it.
        Assert.Equal(1, await RetryCauseAsync(h, runId, link.Cause with { Value = "Công ty 5" }));
        var records = await h.RecordsAsync(runId);
        Assert.All(records.Where(r => (r.GroupKey ?? r.SourceKey) == "6"), r => Assert.True(r.State == RecordState.Succeeded, RecordChecks.Describe(r)));
        Assert.Equal(["3", "9"], records.Where(r => r is { Stage: RunStage.Tickets, State: RecordState.Failed, ErrorKind: RecordErrorKind.Data } && r.ErrorMessage!.StartsWith("Could not find", StringComparison.Ordinal))
            .Select(r => r.SourceKey).Order(StringComparer.Ordinal));

        Assert.Equal(2, await RetryCauseAsync(h, runId, link.Cause));
        var skip = await h.Runs.SkipCauseAsync("van.hanh", runId, waitingOnBanned.Cause, CancellationToken.None);
        Assert.True(skip.Succeeded, skip.ErrorKey);
        Assert.Equal(3, skip.Count);

        var left = await h.Queries.CausesAsync(runId, CancellationToken.None);
        Assert.Equal([(1L, Banned)], left.Select(c => (c.Count, c.Cause.Template)).ToList());
        records = await h.RecordsAsync(runId);
        Assert.Equal(["4", "4", "4"], records.Where(r => r is { State: RecordState.Skipped, ErrorKind: RecordErrorKind.Dependency }).Select(r => r.GroupKey ?? r.SourceKey));
        Assert.All(records.Where(r => r.SourceKey is "3" or "6" or "9" || r.GroupKey is "3" or "6" or "9"),
            r => Assert.True(r.State == RecordState.Succeeded, $"the fixed tickets and their conversations should go in: {RecordChecks.Describe(r)}"));
        Assert.Equal(11, h.Simulator.Store.List("HD Ticket").Count);
    }

    [Fact]
    public async Task Records_that_wait_on_a_failed_one_are_not_retried_as_a_cause_and_a_deleted_run_takes_no_cause()
    {
        await using var h = await RefusingHarnessAsync();
        var runId = await RunAsync(h);
        var waiting = (await h.Queries.CausesAsync(runId, CancellationToken.None)).First(c => c.Cause.Kind == RecordErrorKind.Dependency);

        Assert.Equal("Runs.CauseWaits", (await h.Runs.RetryCauseAsync("van.hanh", runId, waiting.Cause, CancellationToken.None)).ErrorKey);
        Assert.Equal("Runs.NotFound", (await h.Runs.RetryCauseAsync("van.hanh", Guid.NewGuid(), waiting.Cause with { Kind = RecordErrorKind.Data }, CancellationToken.None)).ErrorKey);
        Assert.Equal("Runs.NotFound", (await h.Runs.SkipCauseAsync("van.hanh", Guid.NewGuid(), waiting.Cause, CancellationToken.None)).ErrorKey);
        Assert.Empty(h.Jobs.ArgumentsOf("RetryRecordsJob.ExecuteCauseAsync"));
    }

    [Fact]
    public async Task A_selection_past_sqlites_parameter_limit_is_skipped_and_retried_in_one_statement()
    {
        await using var h = await RefusingHarnessAsync();
        var runId = await RunAsync(h);
        var failed = (await h.RecordsAsync(runId)).Where(r => r.State == RecordState.Failed).Select(r => r.Id).ToList();
        // SQLite takes at most 32,766 parameters in a statement; a cause of a big migration holds more records than that.
        var many = failed.Concat(Enumerable.Range(1, 40_000).Select(i => -(long)i)).ToList();

        var skip = await h.Runs.SkipAsync("van.hanh", runId, many, CancellationToken.None);

        Assert.True(skip.Succeeded, skip.ErrorKey);
        Assert.Equal(failed.Count, skip.Count);
        await h.RetryAsync(runId, many);
        Assert.All((await h.RecordsAsync(runId)).Where(r => failed.Contains(r.Id)), r => Assert.NotEqual(RecordState.Skipped, r.State));
    }

    // Retries a cause as the error list does, and runs its job as a Hangfire worker gets it from the job store.
    private static async Task<long> RetryCauseAsync(RunsHarness h, Guid runId, RecordCause cause)
    {
        var result = await h.Runs.RetryCauseAsync("van.hanh", runId, cause, CancellationToken.None);
        Assert.True(result.Succeeded, result.ErrorKey);
        var args = h.Jobs.ArgumentsOf("RetryRecordsJob.ExecuteCauseAsync")[^1];
        var job = JobStore.RoundTrip(Job.FromExpression<RetryRecordsJob>(j => j.ExecuteCauseAsync((Guid)args[0]!, (RecordCause)args[1]!, CancellationToken.None)));
        Assert.Equal((runId, cause), ((Guid)job.Args[0], (RecordCause)job.Args[1]));
        await h.Services.GetRequiredService<RetryRecordsJob>().ExecuteCauseAsync(runId, (RecordCause)job.Args[1], CancellationToken.None);
        return result.Count;
    }

    private static async Task<RunsHarness> RefusingHarnessAsync()
    {
        var h = await RunsHarness.StartAsync();
        foreach (var company in Companies)
        {
            h.Simulator.Faults.Rejections.Add("HD Ticket", d => d["customer"]?.ToString() == company, $"Could not find Customer: {company}", "LinkValidationError");
        }

        h.Simulator.Faults.Rejections.Add("HD Ticket", d => d["raised_by"]?.ToString() == FreshdeskSampleWriter.RequesterEmail(3), Banned);
        return h;
    }

    private static async Task<Guid> RunAsync(RunsHarness h)
    {
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(12));
        await h.ExecuteAsync(runId);
        Assert.Equal(RunState.CompletedWithErrors, await h.StateAsync(runId));
        return runId;
    }
}

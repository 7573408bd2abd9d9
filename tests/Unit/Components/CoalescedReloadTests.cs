using ImportPortal.Components.Shared;

namespace ImportPortal.Tests.Unit.Components;

public sealed class CoalescedReloadTests
{
    [Fact]
    public async Task A_reload_given_up_because_its_component_closed_ends_quietly_and_the_next_request_reloads_again()
    {
        var dispatched = new List<Task>();
        var reloads = 0;
        var closing = new CancellationTokenSource();
        var reload = new CoalescedReload(work =>
        {
            var task = work();
            dispatched.Add(task);
            return task;
        }, async () =>
        {
            reloads++;
            await Task.Yield();
            closing.Token.ThrowIfCancellationRequested();
        });

        await closing.CancelAsync();
        reload.Request();
        await Task.WhenAll(dispatched);

        // Not faulted, not cancelled: nothing unobserved is left behind, and the reload is free to run again.
        Assert.All(dispatched, t => Assert.True(t.IsCompletedSuccessfully));
        reload.Request();
        await Task.WhenAll(dispatched);
        Assert.Equal(2, reloads);
        Assert.Equal(2, dispatched.Count);
    }
}

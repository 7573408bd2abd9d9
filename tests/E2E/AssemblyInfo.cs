using ImportPortal.Tests.E2E.Infrastructure;

[assembly: AssemblyFixture(typeof(BrowserFixture))]

// One Chromium and a few portals on two cores: run the browser tests one at a time so timings stay honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

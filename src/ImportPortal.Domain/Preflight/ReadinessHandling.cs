namespace ImportPortal.Domain.Preflight;

/// <summary>What a preflight line means for the run about to start.</summary>
public enum ReadinessHandling
{
    /// <summary>Amber: the run can start; the operator should look at it first.</summary>
    LookFirst,

    /// <summary>The run's "keep the helpdesk quiet" turns it off before its first write and puts it back at the end.</summary>
    HandledByQuiet,

    /// <summary>A dry run writes nothing, so this does not stop it; a real run would need it put right.</summary>
    NotForDryRun,

    /// <summary>Only tickets meet it, and the run sends none.</summary>
    NotForTheseStages,

    /// <summary>Red, and nothing the run does puts it right: the run does not start.</summary>
    Blocks,
}

using ImportPortal.Resources;
using ImportPortal.Runs;
using Microsoft.Extensions.Localization;

namespace ImportPortal.Components.Pages.Runs;

/// <summary>Why the run service refused a command, in the operator's language: a run state it names is said in words.</summary>
internal static class RunCommandText
{
    public static string Refusal(IStringLocalizer<RunResource> texts, RunCommandResult result)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(result);
        var argument = result.ErrorArg is { } arg && Enum.TryParse<RunState>(arg, out var state) ? texts[$"State.{state}"].Value : result.ErrorArg ?? "";
        return texts[result.ErrorKey!, argument];
    }
}

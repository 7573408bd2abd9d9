namespace FrappeSimulator.Tests.Contract;

/// <summary>Every exchange recorded from a real Frappe 15.55.1 with Helpdesk 1.4.0 and 1.22.2, replayed in order.</summary>
public class RecordingReplayTests
{
    public static TheoryData<string, string> Recordings()
    {
        var data = new TheoryData<string, string>();
        foreach (var version in new[] { RecordingLibrary.V1_4, RecordingLibrary.V1_22 })
        {
            foreach (var file in RecordingLibrary.Files(version))
            {
                data.Add(version, file);
            }
        }

        return data;
    }

    [Fact]
    public void Recordings_are_found_beside_the_repository()
    {
        Assert.True(RecordingLibrary.Files(RecordingLibrary.V1_4).Count >= 50);
        Assert.True(RecordingLibrary.Files(RecordingLibrary.V1_22).Count >= 70);
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task Simulator_answers_like_the_recorded_Frappe(string version, string file)
    {
        var recording = Recording.Load(version, Path.Combine(RecordingLibrary.Root(), version, file));
        var answers = await ReplaySession.For(version);

        var differences = ResponseComparer.Compare(recording, answers[file]);

        Assert.True(differences.Count == 0, $"{recording}:\n" + string.Join("\n", differences));
    }
}

using ImportPortal.Domain.Sources;

namespace ImportPortal.Tests.Unit.Sources;

/// <summary>Every malformed or hostile upload ends in a clear problem that names the file (and row and column), never a crash.</summary>
public sealed class BadInputTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names => [.. BadInputCorpus.All.Select(c => c.Name)];

    [Fact]
    public void The_corpus_holds_at_least_thirty_bad_inputs()
    {
        Assert.True(BadInputCorpus.All.Count >= 30, $"only {BadInputCorpus.All.Count}");
        Assert.Equal(BadInputCorpus.All.Count, BadInputCorpus.All.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_bad_input_gives_the_operator_a_clear_message(string name)
    {
        var input = BadInputCorpus.All.Single(c => c.Name == name);

        var (problems, records) = await ReadAsync(input);

        foreach (var p in problems)
        {
            output.WriteLine($"{p.Code} {p.Severity}: {ProblemTextTests.English(p)}");
        }

        if (input.Code is null)
        {
            Assert.DoesNotContain(problems, p => p.Severity == ProblemSeverity.Error);
        }
        else
        {
            var problem = problems.FirstOrDefault(p => p.Code == input.Code);
            Assert.True(problem is not null, $"{input.Code} not among: {string.Join("; ", problems)}");
            Assert.Equal(input.Severity, problem.Severity);
            Assert.Equal((input.Row, input.Column), (problem.Row, problem.Column));
            Assert.StartsWith(name, ProblemTextTests.English(problem), StringComparison.Ordinal);
            Assert.Contains(name, ProblemTextTests.Vietnamese(problem), StringComparison.Ordinal);
            if (problem.Row is { } row && problem.Code != SourceProblemCodes.JsonRecordTooLarge)
            {
                Assert.Contains($"row {row}", ProblemTextTests.English(problem), StringComparison.Ordinal);
            }
        }

        if (input.FirstValue is not null)
        {
            Assert.Equal(input.FirstValue, records[0].Values[0].Text);
        }
    }

    internal static async Task<(List<SourceProblem> Problems, List<SourceRecord> Records)> ReadAsync(BadInput input)
    {
        var bytes = input.Bytes();
        var format = await SourceTestRead.SniffAsync(bytes, input.Name);
        var problems = new List<SourceProblem>(format.Problems);
        var records = new List<SourceRecord>();
        if (format.Error is not null)
        {
            return (problems, records);
        }

        ISourceReader? reader = null;
        try
        {
            reader = await SourceReaderFactory.OpenAsync(format, () => new MemoryStream(bytes, writable: false), input.Options, TestContext.Current.CancellationToken);
            records.AddRange(await SourceTestRead.AllAsync(reader));
        }
        catch (SourceFormatException ex)
        {
            problems.Add(ex.Problem);
        }

        problems.AddRange(reader?.Problems.Items ?? []);
        return (problems, records);
    }
}

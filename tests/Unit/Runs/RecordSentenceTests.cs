using System.Globalization;
using System.Text;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// A record's failure is stored as the portal's sentences and their English: the planner's mapping problems and the
/// loop's own explanations are read in each reader's language, whoever started the run and in whichever language.
/// </summary>
public sealed class RecordSentenceTests
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi");

    [Fact]
    public async Task A_row_the_mapping_refuses_is_kept_in_english_and_read_in_vietnamese_whoever_started_the_run()
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        // The team starts the run in Vietnamese: the stored message is English all the same, for the search and the causes.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Vietnamese;
        try
        {
            await using var h = await RunsHarness.StartAsync();
            var csv = Encoding.UTF8.GetString(FreshdeskSampleWriter.TicketCsv(3)).Replace(FreshdeskSampleWriter.RequesterEmail(1), "khach hang@gmail", StringComparison.Ordinal);
            var runId = await h.StartTicketRunAsync(Encoding.UTF8.GetBytes(csv));

            await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

            var failed = (await h.RecordsAsync(runId)).Where(r => r.State == RecordState.Failed).ToList();
            var refused = failed.Where(r => r.ErrorKind == RecordErrorKind.Mapping).ToList();
            Assert.NotEmpty(refused);
            Assert.All(refused, r =>
            {
                Assert.Contains("\"khach hang@gmail\" is not a valid e-mail address", r.ErrorMessage, StringComparison.Ordinal);
                var text = PortalTextJson.Read(r.ErrorText);
                Assert.NotNull(text);
                Assert.All(text, t => Assert.StartsWith("Mapping.", t.Key, StringComparison.Ordinal));
                Assert.Contains("\"khach hang@gmail\" không phải địa chỉ e-mail hợp lệ", PortalTexts.Render(text, Vietnamese), StringComparison.Ordinal);
                Assert.Equal(r.ErrorMessage, PortalTexts.Render(text, CultureInfo.InvariantCulture));
            });

            // What waits on the refused row says why in Vietnamese too, the row's own problem inside it.
            var waiting = failed.Where(r => r.ErrorKind == RecordErrorKind.Dependency).ToList();
            Assert.NotEmpty(waiting);
            Assert.All(waiting, r =>
            {
                var said = PortalTexts.Render(PortalTextJson.Read(r.ErrorText) ?? throw new InvalidOperationException($"no sentence: {r.ErrorMessage}"), Vietnamese);
                Assert.True(said.StartsWith("bản ghi cần có trước bị lỗi: ", StringComparison.Ordinal) || said == "không ánh xạ được phiếu", said);
                Assert.DoesNotContain("dependency", said, StringComparison.Ordinal);
            });
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}

using System.Globalization;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.Tests.Unit.Infrastructure;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>
/// The portal's own sentences on a failed record are kept as keys and arguments, so the team reads them in Vietnamese
/// while the message the logs, the search and the causes read stays the English it always was.
/// </summary>
public sealed class PortalTextTests
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi");
    private const string Refusal = "Could not find Priority: Khẩn cấp";

    [Fact]
    public void A_sentence_in_english_is_the_message_the_portal_always_wrote()
    {
        var team = RecordError.Portal(RecordErrorKind.Data, new PortalText(RecordTexts.TeamWithoutMembers, "Chăm sóc khách hàng"));
        var waits = RecordError.Portal(RecordErrorKind.Dependency, new PortalText(RecordTexts.DependencyFailed, [PortalArg.Entity(EntityKind.Team), PortalArg.Value("Chăm sóc khách hàng"), PortalArg.Of(team)]));
        var onFrappe = RecordError.Portal(RecordErrorKind.Dependency, new PortalText(RecordTexts.DependencyFailed, [PortalArg.Entity(EntityKind.Ticket), PortalArg.Value("9001"), PortalArg.Of(new RecordError(RecordErrorKind.Data, Refusal))]));

        Assert.StartsWith("The team \"Chăm sóc khách hàng\" is not on the site, and Helpdesk makes a team only with at least one member", team.Message, StringComparison.Ordinal);
        Assert.Equal($"dependency failed: Team Chăm sóc khách hàng — {team.Message}", waits.Message);
        Assert.Equal($"dependency failed: Ticket 9001 — {Refusal}", onFrappe.Message);
        // The causes read the English: the record waited on is the value, Frappe's own cause keeps its wording.
        Assert.Equal(new FailureCause("dependency failed: … — Could not find Priority: …", "Ticket 9001"), FailureCause.Of(onFrappe.Message));
        Assert.Equal("skipped", RecordError.Skipped.Message);
    }

    [Fact]
    public void In_vietnamese_the_portals_words_are_translated_and_frappes_are_kept_as_it_sent_them()
    {
        var agent = new PortalText(RecordTexts.NoAgentNamed, "Nguyễn Thị Hoa");
        var waits = new PortalText(RecordTexts.DependencyFailed, [PortalArg.Entity(EntityKind.Ticket), PortalArg.Value("9001"), PortalArg.Quote(Refusal)]);
        var nested = new PortalText(RecordTexts.DependencyFailed, [PortalArg.Entity(EntityKind.User), PortalArg.Value("hoa@haravan.vn"), PortalArg.Of(agent)]);

        Assert.StartsWith("Site không có nhân viên nào tên \"Nguyễn Thị Hoa\"", PortalTexts.Render([agent], Vietnamese), StringComparison.Ordinal);
        Assert.Equal($"bản ghi cần có trước bị lỗi: Phiếu 9001 — {Refusal}", PortalTexts.Render([waits], Vietnamese));
        Assert.StartsWith("bản ghi cần có trước bị lỗi: Tài khoản nhân viên hoa@haravan.vn — Site không có nhân viên nào tên \"Nguyễn Thị Hoa\"", PortalTexts.Render([nested], Vietnamese), StringComparison.Ordinal);
        Assert.Equal(waits.English, PortalTexts.Render([waits], CultureInfo.InvariantCulture));

        // A cause leaves the values out: the key waited on, and Frappe's value inside its own words.
        Assert.Equal("bản ghi cần có trước bị lỗi: Phiếu … — Could not find Priority: …", PortalTexts.Template([waits], Vietnamese));
        Assert.Equal("dependency failed: Ticket … — Could not find Priority: …", PortalTexts.Template([waits], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_rows_mapping_problems_are_said_in_the_readers_language_from_the_mapping_resource()
    {
        var problems = new PortalText[] { new(MappingProblemCodes.InvalidEmail, "email_id", "khach hang@gmail"), new(MappingProblemCodes.RequiredMissing, "subject") };

        var english = PortalTexts.Render(problems, CultureInfo.InvariantCulture);
        var vietnamese = PortalTexts.Render(problems, Vietnamese);

        var texts = ResourceFile.Load("MappingResource.resx");
        var vi = ResourceFile.Load("MappingResource.vi.resx");
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, texts[MappingProblemCodes.InvalidEmail], "email_id", "khach hang@gmail") + " · "
            + string.Format(CultureInfo.InvariantCulture, texts[MappingProblemCodes.RequiredMissing], "subject"), english);
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, vi[MappingProblemCodes.InvalidEmail], "email_id", "khach hang@gmail") + " · "
            + string.Format(CultureInfo.InvariantCulture, vi[MappingProblemCodes.RequiredMissing], "subject"), vietnamese);
        Assert.NotEqual(english, vietnamese);
    }

    [Fact]
    public void Stored_sentences_come_back_whole_and_what_cannot_be_read_is_no_sentence()
    {
        var inner = new PortalText(RecordTexts.TeamMembersUnknown, "Kỹ thuật", "an@haravan.vn, bình@haravan.vn");
        var text = new PortalText(RecordTexts.DependencyFailed, [PortalArg.Entity(EntityKind.Team), PortalArg.Value("Kỹ thuật \"mới\""), PortalArg.Of(inner)]);
        var quoted = new PortalText(RecordTexts.MembersNotJoined, [PortalArg.Value("2"), PortalArg.Value("5"), PortalArg.Quote("Không tìm thấy Contact: Lê Văn Bình")]);

        var back = PortalTextJson.Read(PortalTextJson.Write([text, quoted]));

        Assert.NotNull(back);
        Assert.Equal([text.English, quoted.English], back.Select(t => t.English));
        Assert.Equal([PortalTexts.Render([text], Vietnamese), PortalTexts.Render([quoted], Vietnamese)], back.Select(t => PortalTexts.Render([t], Vietnamese)));
        Assert.Equal([PortalArgKind.Term, PortalArgKind.Value, PortalArgKind.Sentence], back[0].Args.Select(a => a.Kind));
        Assert.Equal(PortalArgKind.Quote, back[1].Args[2].Kind);
        Assert.Contains("Kỹ thuật", PortalTextJson.Write([text]), StringComparison.Ordinal);

        Assert.Null(PortalTextJson.Read(null));
        Assert.Null(PortalTextJson.Read("not json"));
        Assert.Null(PortalTextJson.Read("{\"key\":\"Error.Skipped\"}"));
        Assert.Null(PortalTextJson.Read("[{\"args\":[]}]"));
    }

    [Fact]
    public void A_translation_that_asks_for_an_argument_the_sentence_lacks_shows_the_english_with_its_values()
    {
        var text = new PortalText(RecordTexts.NoAgentNamed, "Nguyễn Thị Hoa");

        var shown = text.Render(key => key == RecordTexts.NoAgentNamed ? "Không có {0} hay {3}" : null);

        Assert.Equal(text.English, shown);
        Assert.StartsWith("No agent called \"Nguyễn Thị Hoa\" on the site", shown, StringComparison.Ordinal);
        Assert.Equal("Mapping.Unknown: email_id · x", new PortalText("Mapping.Unknown", "email_id", "x").Render(_ => "{0} {1} {2}"));
    }

    [Fact]
    public void Every_sentence_and_attempt_outcome_has_its_english_in_the_run_resource_and_a_vietnamese_text_with_the_same_placeholders()
    {
        var english = ResourceFile.Load("RunResource.resx");
        var vietnamese = ResourceFile.Load("RunResource.vi.resx");

        Assert.True(RecordTexts.All.Count >= 20, "the sentences the portal writes on failed records");
        Assert.All(RecordTexts.All.Concat(AttemptOutcomes.All).Concat(AuditTexts.All), sentence =>
        {
            Assert.Equal(sentence.Value, english.GetValueOrDefault(sentence.Key));
            Assert.True(vietnamese.TryGetValue(sentence.Key, out var vi), $"{sentence.Key} has no Vietnamese text");
            Assert.NotEqual(sentence.Value, vi);
            Assert.Equal(ResourceFile.Placeholders(sentence.Value), ResourceFile.Placeholders(vi));
        });
    }
}

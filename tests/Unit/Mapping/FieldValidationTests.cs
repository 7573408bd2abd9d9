using System.Text;
using ImportPortal.Domain.Mapping;
using static ImportPortal.Tests.Unit.Mapping.MappingSites;

namespace ImportPortal.Tests.Unit.Mapping;

public sealed class FieldValidationTests
{
    private static FieldMapping Subject => new("subject", FieldOrigin.Column, "Subject");

    [Fact]
    public void A_subject_of_141_characters_is_cut_to_140_with_a_warning_on_the_subject()
    {
        var subject = new string('x', 141);
        var mapped = MapTicketField(Subject, Record(("Subject", subject)));

        Assert.Equal(new string('x', 140), Text(mapped.InsertBody, "subject"));
        var problem = Assert.Single(mapped.Problems);
        Assert.Equal(("subject", MappingProblemCodes.Truncated, MappingSeverity.Warning), (problem.Field, problem.Code, problem.Severity));
        Assert.Equal(["subject", "140", "141"], problem.Args);
    }

    [Fact]
    public void Without_truncation_a_subject_of_141_characters_is_an_error()
    {
        var mapped = MapTicketField(Subject, Record(("Subject", new string('x', 141))), p => p with { TruncateToFieldLength = false });

        var problem = Assert.Single(mapped.Problems);
        Assert.Equal((MappingProblemCodes.TooLong, MappingSeverity.Error), (problem.Code, problem.Severity));
    }

    [Fact]
    public void Vietnamese_text_is_counted_in_characters_even_when_decomposed()
    {
        // "Hỗ trợ " is 7 characters composed but 10 UTF-16 units when decomposed (NFD).
        var composed = string.Concat(Enumerable.Repeat("Hỗ trợ ", 20));
        var decomposed = composed.Normalize(NormalizationForm.FormD);

        var mapped = MapTicketField(Subject, Record(("Subject", decomposed)));

        Assert.True(decomposed.Length > 140);
        Assert.Equal(composed, Text(mapped.InsertBody, "subject"));
        Assert.Empty(mapped.Problems);
    }

    [Fact]
    public void Truncation_never_splits_a_character()
    {
        var text = new string('a', 139) + "ệ😀b";

        var fitted = FieldLength.Fit(text, 140, out var length);

        Assert.Equal(142, length);
        Assert.Equal(new string('a', 139) + "ệ", fitted);
        Assert.Equal(140, FieldLength.Count(FieldLength.Fit(new string('a', 138) + "😀😀", 140, out _)));
    }

    [Fact]
    public void An_invalid_email_is_an_error_on_raised_by()
    {
        var mapped = MapTicketField(new FieldMapping("raised_by", FieldOrigin.Column, "Email", [new TransformStep(TransformKind.Email)]), Record(("Email", "khach hang@@example")));

        var problem = Assert.Single(mapped.Problems);
        Assert.Equal(("raised_by", MappingProblemCodes.InvalidEmail, MappingSeverity.Error), (problem.Field, problem.Code, problem.Severity));
    }

    [Theory]
    [InlineData("Nguyễn Văn Anh <anh@example.vn>", "anh@example.vn")]
    [InlineData(" khach1@example.vn ", "khach1@example.vn")]
    public void The_email_transform_keeps_the_address(string source, string expected)
    {
        var mapped = MapTicketField(new FieldMapping("raised_by", FieldOrigin.Column, "Email", [new TransformStep(TransformKind.Email)]), Record(("Email", source)));

        Assert.Equal(expected, Text(mapped.InsertBody, "raised_by"));
        Assert.Empty(mapped.Problems);
    }

    [Fact]
    public void A_required_field_left_empty_is_an_error()
    {
        var mapped = MapTicketField(Subject, Record(("Subject", "  ")));

        var problem = Assert.Single(mapped.Problems);
        Assert.Equal(("subject", MappingProblemCodes.RequiredMissing), (problem.Field, problem.Code));
    }

    [Fact]
    public void A_value_outside_the_select_options_is_an_error_and_case_is_corrected()
    {
        var wrong = MapTicketField(new FieldMapping("agreement_status", FieldOrigin.Column, "S"), Record(("S", "Overdue")));
        var cased = MapTicketField(new FieldMapping("agreement_status", FieldOrigin.Column, "S"), Record(("S", "fulfilled")));

        var problem = Assert.Single(wrong.Problems);
        Assert.Equal(MappingProblemCodes.NotAnOption, problem.Code);
        Assert.Contains("Fulfilled", problem.Args[2], StringComparison.Ordinal);
        Assert.Equal("Fulfilled", Text(cased.InsertBody, "agreement_status"));
    }

    [Fact]
    public void A_link_field_asks_for_a_link_check()
    {
        var mapped = MapTicketField(new FieldMapping("priority", FieldOrigin.Column, "P"), Record(("P", "Urgent")));

        var check = Assert.Single(mapped.LinkChecks);
        Assert.Equal(new FieldLinkCheck("priority", new LinkCheck("HD Ticket Priority", "Urgent")), check);
    }

    [Fact]
    public void Required_fields_nobody_maps_are_reported_once_by_the_compiler()
    {
        var entity = new EntityMapping(EntityKind.Organisation, new EntitySource("t"), new FieldMapping("(key)", FieldOrigin.Column, "Name"), [new FieldMapping("customer_name", FieldOrigin.Column, "Name")]);
        var profile = new MappingProfile("test", [entity], OrganisationDoctype: "Customer");

        var compiled = ProfileCompiler.Compile(profile, Helpdesk122);

        var unmapped = compiled.Problems.Where(p => p.Problem.Code == MappingProblemCodes.RequiredUnmapped).Select(p => p.Problem.Field).Order().ToList();
        Assert.Equal(["customer_group", "customer_type", "territory"], unmapped);
    }

    [Fact]
    public void A_field_the_site_does_not_have_is_reported_by_the_compiler()
    {
        var entity = new EntityMapping(EntityKind.Ticket, new EntitySource("t"), new FieldMapping("(key)", FieldOrigin.Column, "Id"), [new FieldMapping("subjet", FieldOrigin.Column, "Subject")]);

        var compiled = ProfileCompiler.Compile(new MappingProfile("test", [entity]), Helpdesk122);

        Assert.Contains(compiled.Problems, p => p.Problem is { Code: MappingProblemCodes.UnknownField, Field: "subjet" });
    }

    [Fact]
    public void A_ticket_s_assignee_is_no_field_of_the_ticket_and_an_assignment_anywhere_else_is_reported_as_not_sent()
    {
        var assignee = new FieldMapping(RecordAssignment.Field, FieldOrigin.Column, "Agent email", Stage: FieldStage.Assign);
        var ticket = new EntityMapping(EntityKind.Ticket, new EntitySource("t"), new FieldMapping("(key)", FieldOrigin.Column, "Id"), [assignee]);
        var misplaced = new EntityMapping(EntityKind.Contact, new EntitySource("t"), new FieldMapping("(key)", FieldOrigin.Column, "Email"), [assignee]);
        var misnamed = ticket with { Fields = [assignee with { Target = "_assign" }] };

        var compiled = ProfileCompiler.Compile(new MappingProfile("test", [ticket]), Helpdesk122);
        var elsewhere = ProfileCompiler.Compile(new MappingProfile("test", [misplaced]), Helpdesk122);
        var wrongTarget = ProfileCompiler.Compile(new MappingProfile("test", [misnamed]), Helpdesk122);

        Assert.DoesNotContain(compiled.Problems, p => p.Problem.Field == RecordAssignment.Field);
        Assert.Contains(elsewhere.Problems, p => p is { Entity: EntityKind.Contact, Problem: { Code: MappingProblemCodes.AssignmentIgnored, Severity: MappingSeverity.Warning } });
        Assert.Contains(wrongTarget.Problems, p => p.Problem is { Code: MappingProblemCodes.AssignmentIgnored, Field: "_assign" });
    }

    [Fact]
    public void A_ticket_s_tags_are_no_field_of_the_ticket_are_split_at_commas_once_each_and_tags_anywhere_else_are_reported_as_not_sent()
    {
        var tags = new FieldMapping(TicketTags.Field, FieldOrigin.Column, "Tags", Stage: FieldStage.Tags);
        var ticket = new EntityMapping(EntityKind.Ticket, new EntitySource("t"), new FieldMapping("(key)", FieldOrigin.Column, "Id"), [tags]);
        var misplaced = new EntityMapping(EntityKind.Contact, new EntitySource("t"), new FieldMapping("(key)", FieldOrigin.Column, "Email"), [tags]);
        var misnamed = ticket with { Fields = [tags with { Target = "_user_tags" }] };

        var compiled = ProfileCompiler.Compile(new MappingProfile("test", [ticket]), Helpdesk122);
        var tagged = compiled.MapRecord("t", Record(("Id", "7"), ("Tags", " Hoá đơn, khách VIP,,hoá đơn ,đổi trả")));
        var untagged = compiled.MapRecord("t", Record(("Id", "8"), ("Tags", " , ")));

        Assert.DoesNotContain(compiled.Problems, p => p.Problem.Field == TicketTags.Field);
        Assert.Equal("""{"tags":["Hoá đơn","khách VIP","đổi trả"]}""", tagged.Single().Tags?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.False(tagged.Single().InsertBody.ContainsKey(TicketTags.Field));
        Assert.Null(untagged.Single().Tags);
        Assert.Contains(ProfileCompiler.Compile(new MappingProfile("test", [misplaced]), Helpdesk122).Problems,
            p => p is { Entity: EntityKind.Contact, Problem: { Code: MappingProblemCodes.TagsIgnored, Severity: MappingSeverity.Warning } });
        Assert.Contains(ProfileCompiler.Compile(new MappingProfile("test", [misnamed]), Helpdesk122).Problems,
            p => p.Problem is { Code: MappingProblemCodes.TagsIgnored, Field: "_user_tags" });
    }
}

using System.Text;
using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Components.Runs;

/// <summary>A generated Freshdesk ticket CSV with one more ticket whose subject a simulator rule can refuse.</summary>
internal static class RejectedTicketCsv
{
    public const string TicketId = "9001";

    public static byte[] Create(int rows, string subject)
    {
        var text = Encoding.UTF8.GetString(FreshdeskSampleWriter.TicketCsv(rows)).TrimStart('\uFEFF');
        string[] cells =
        [
            TicketId, subject, "Mô tả của phiếu bị từ chối", "Open", "High", "Email", "Question", "Công ty Từ Chối", "Trần Thị Từ Chối",
            "tu.choi@example.vn", "0907654321", "Lê Thị Hỗ Trợ", "Billing", "2024-03-01 09:00:00", "2024-03-03 09:00:00", "", "",
            "2024-03-01 10:00:00", "",
        ];
        text += string.Join(",", cells.Select(c => "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")) + "\r\n";
        return new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
    }
}

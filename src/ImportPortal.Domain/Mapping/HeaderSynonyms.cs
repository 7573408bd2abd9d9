namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Headers people give to Frappe fields, by doctype and fieldname: Freshdesk's export labels and common Vietnamese
/// labels. Data, easy to extend; labels and fieldnames from the site's metadata are matched as well.
/// </summary>
public static class HeaderSynonyms
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> ByDoctype { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string[]>>(StringComparer.Ordinal)
        {
            ["HD Ticket"] = new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["subject"] = ["Subject", "Tiêu đề", "Chủ đề", "Tiêu đề yêu cầu"],
                ["description"] = ["Description", "Mô tả", "Nội dung", "Nội dung yêu cầu"],
                ["raised_by"] = ["Requester email", "Email khách hàng", "Email người yêu cầu", "Email người gửi", "Email"],
                ["status"] = ["Status", "Trạng thái", "Tình trạng"],
                ["priority"] = ["Priority", "Độ ưu tiên", "Mức độ ưu tiên", "Mức ưu tiên", "Ưu tiên"],
                ["ticket_type"] = ["Type", "Loại", "Loại yêu cầu", "Phân loại"],
                ["agent_group"] = ["Group", "Nhóm", "Nhóm hỗ trợ", "Bộ phận"],
                ["customer"] = ["Company", "Công ty", "Tổ chức"],
                ["opening_date"] = ["Created time", "Created at", "Ngày tạo", "Thời gian tạo", "Ngày mở"],
                ["resolution_date"] = ["Resolved time", "Resolved at", "Ngày giải quyết", "Thời gian giải quyết"],
                ["first_responded_on"] = ["Initial response time", "Phản hồi đầu tiên", "Thời gian phản hồi đầu tiên"],
                ["custom_source_id"] = ["Ticket ID", "ID", "Mã ticket", "Mã yêu cầu", "Số ticket"],
            },
            ["Contact"] = new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["first_name"] = ["Full name", "Requester name", "Họ và tên", "Họ tên", "Tên khách hàng", "Tên"],
                ["last_name"] = ["Last name", "Họ"],
                ["email_id"] = ["Email", "Requester email", "E-mail", "Địa chỉ email", "Email khách hàng"],
                ["phone"] = ["Work phone", "Phone", "Requester phone", "Số điện thoại", "Điện thoại"],
                ["mobile_no"] = ["Mobile phone", "Mobile", "Di động", "Số di động"],
                ["company_name"] = ["Company", "Công ty"],
                ["designation"] = ["Title", "Job title", "Chức danh", "Chức vụ"],
            },
            ["Communication"] = new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["sender"] = ["From", "From email", "Sender", "Người gửi", "Email người gửi"],
                ["recipients"] = ["To", "To emails", "Recipients", "Người nhận", "Gửi đến"],
                ["cc"] = ["CC", "Cc emails", "CC emails", "Đồng gửi", "Gửi kèm"],
                ["content"] = ["Body", "Content", "Message", "Nội dung", "Nội dung tin nhắn"],
                ["communication_date"] = ["Created at", "Date", "Sent at", "Ngày gửi", "Thời gian gửi"],
            },
            ["HD Customer"] = new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["customer_name"] = ["Company Name", "Name", "Tên công ty", "Tên tổ chức", "Công ty"],
                ["domain"] = ["Domains for this company", "Domain", "Tên miền"],
            },
            ["Customer"] = new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["customer_name"] = ["Company Name", "Name", "Tên công ty", "Tên khách hàng", "Công ty"],
                ["website"] = ["Website", "Store URL", "Trang web"],
            },
        };
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ImportPortal.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AuditDetailText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DetailText",
                table: "AuditEvents",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DetailText",
                table: "AuditEvents");
        }
    }
}

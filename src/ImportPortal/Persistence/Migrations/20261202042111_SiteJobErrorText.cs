using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ImportPortal.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SiteJobErrorText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CheckErrorText",
                table: "ImportRuns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemovalErrorText",
                table: "ImportRuns",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CheckErrorText",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "RemovalErrorText",
                table: "ImportRuns");
        }
    }
}

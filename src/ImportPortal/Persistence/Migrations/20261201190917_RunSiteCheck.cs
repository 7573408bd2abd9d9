using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ImportPortal.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RunSiteCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CheckDone",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "CheckError",
                table: "ImportRuns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CheckFinishedAt",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CheckMissing",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CheckRequestedAt",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckRequestedBy",
                table: "ImportRuns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CheckTotal",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "Detached",
                table: "ImportRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "MissingSince",
                table: "ImportRecords",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportRecords_RunId_Doctype_Missing",
                table: "ImportRecords",
                columns: new[] { "RunId", "Doctype" },
                filter: "\"MissingSince\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRecords_RunId_Doctype_Missing",
                table: "ImportRecords");

            migrationBuilder.DropColumn(
                name: "CheckDone",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "CheckError",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "CheckFinishedAt",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "CheckMissing",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "CheckRequestedAt",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "CheckRequestedBy",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "CheckTotal",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "Detached",
                table: "ImportRecords");

            migrationBuilder.DropColumn(
                name: "MissingSince",
                table: "ImportRecords");
        }
    }
}

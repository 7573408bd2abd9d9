using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ImportPortal.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RunRemoval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RemovalError",
                table: "ImportRuns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RemovalFailed",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "RemovalFinishedAt",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RemovalIncludesChanged",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "RemovalKept",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "RemovalRemoved",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "RemovalRequestedAt",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemovalRequestedBy",
                table: "ImportRuns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RemovalTotal",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Removal",
                table: "ImportRecords",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemovalNote",
                table: "ImportRecords",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RemovalReason",
                table: "ImportRecords",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportRecords_RunId_Removal",
                table: "ImportRecords",
                columns: new[] { "RunId", "Removal" },
                filter: "\"Removal\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRecords_RunId_Removal",
                table: "ImportRecords");

            migrationBuilder.DropColumn(
                name: "RemovalError",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "RemovalFailed",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "RemovalFinishedAt",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "RemovalIncludesChanged",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "RemovalKept",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "RemovalRemoved",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "RemovalRequestedAt",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "RemovalRequestedBy",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "RemovalTotal",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "Removal",
                table: "ImportRecords");

            migrationBuilder.DropColumn(
                name: "RemovalNote",
                table: "ImportRecords");

            migrationBuilder.DropColumn(
                name: "RemovalReason",
                table: "ImportRecords");
        }
    }
}

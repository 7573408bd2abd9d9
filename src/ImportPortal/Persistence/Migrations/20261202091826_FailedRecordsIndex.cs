using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ImportPortal.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FailedRecordsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRecords_RunId_State_ErrorKind_Table_Row_UpdatedAt",
                table: "ImportRecords");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRecords_Failed",
                table: "ImportRecords",
                columns: new[] { "RunId", "ErrorKind", "Table", "Row", "UpdatedAt" },
                filter: "\"State\" = 5");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRecords_Failed",
                table: "ImportRecords");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRecords_RunId_State_ErrorKind_Table_Row_UpdatedAt",
                table: "ImportRecords",
                columns: new[] { "RunId", "State", "ErrorKind", "Table", "Row", "UpdatedAt" });
        }
    }
}

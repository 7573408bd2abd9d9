using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ImportPortal.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RecordIndexesAndRunDeletion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRecords_RunId_Stage_State_GroupKey_Sequence",
                table: "ImportRecords");

            migrationBuilder.DropIndex(
                name: "IX_ImportRecords_RunId_State_ErrorKind",
                table: "ImportRecords");

            migrationBuilder.AddColumn<long>(
                name: "DeletedAt",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportRecords_RunId_Stage_State_GroupKey_Sequence_Result",
                table: "ImportRecords",
                columns: new[] { "RunId", "Stage", "State", "GroupKey", "Sequence", "Result" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportRecords_RunId_State_ErrorKind_Table_Row_UpdatedAt",
                table: "ImportRecords",
                columns: new[] { "RunId", "State", "ErrorKind", "Table", "Row", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRecords_RunId_Stage_State_GroupKey_Sequence_Result",
                table: "ImportRecords");

            migrationBuilder.DropIndex(
                name: "IX_ImportRecords_RunId_State_ErrorKind_Table_Row_UpdatedAt",
                table: "ImportRecords");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "ImportRuns");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRecords_RunId_Stage_State_GroupKey_Sequence",
                table: "ImportRecords",
                columns: new[] { "RunId", "Stage", "State", "GroupKey", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportRecords_RunId_State_ErrorKind",
                table: "ImportRecords",
                columns: new[] { "RunId", "State", "ErrorKind" });
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ImportPortal.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RecordCountsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRecords_RunId_Stage_State_GroupKey_Sequence",
                table: "ImportRecords");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRecords_RunId_Stage_State_GroupKey_Sequence_Result",
                table: "ImportRecords",
                columns: new[] { "RunId", "Stage", "State", "GroupKey", "Sequence", "Result" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRecords_RunId_Stage_State_GroupKey_Sequence_Result",
                table: "ImportRecords");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRecords_RunId_Stage_State_GroupKey_Sequence",
                table: "ImportRecords",
                columns: new[] { "RunId", "Stage", "State", "GroupKey", "Sequence" });
        }
    }
}

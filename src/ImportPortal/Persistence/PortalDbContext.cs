using ImportPortal.Domain.Migration;
using ImportPortal.Mappings;
using ImportPortal.Runs;
using ImportPortal.Security;
using ImportPortal.Sites;
using ImportPortal.Uploads;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ImportPortal.Persistence;

/// <summary>The portal's one database: users and roles, and (as features land) sites, uploads, mappings and runs.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole, string>(options)
{
    /// <summary>The index of a run's failed records (only those): by error kind, source table and row, and time.</summary>
    public const string FailedIndex = "IX_ImportRecords_Failed";

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<Site> Sites => Set<Site>();

    public DbSet<Upload> Uploads => Set<Upload>();

    public DbSet<StoredMappingProfile> MappingProfiles => Set<StoredMappingProfile>();

    public DbSet<SourceValidation> SourceValidations => Set<SourceValidation>();

    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();

    public DbSet<ImportRecord> ImportRecords => Set<ImportRecord>();

    public DbSet<RecordAttempt> RecordAttempts => Set<RecordAttempt>();

    public DbSet<IdMapEntry> IdMap => Set<IdMapEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AuditEvent>(audit =>
        {
            audit.HasIndex(a => a.At);
            audit.Property(a => a.Action).HasMaxLength(100);
            audit.Property(a => a.Actor).HasMaxLength(256);
            audit.Property(a => a.Subject).HasMaxLength(400);
        });
        builder.Entity<Site>(site =>
        {
            site.HasIndex(s => s.Name).IsUnique();
            site.Property(s => s.Name).HasMaxLength(200);
            site.Property(s => s.BaseUrl).HasMaxLength(500);
            site.Property(s => s.ApiKey).HasMaxLength(200);
        });
        builder.Entity<Upload>(upload =>
        {
            upload.HasIndex(u => u.Sha256).IsUnique();
            // Stored as a sortable number: SQLite cannot ORDER BY a DateTimeOffset kept as text.
            upload.Property(u => u.UploadedAt).HasConversion(new DateTimeOffsetToBinaryConverter());
            upload.HasIndex(u => u.UploadedAt);
            upload.Property(u => u.OriginalName).HasMaxLength(255);
            upload.Property(u => u.StoredName).HasMaxLength(64);
            upload.Property(u => u.Sha256).HasMaxLength(64);
            upload.Property(u => u.State).HasConversion<string>().HasMaxLength(20);
        });
        builder.Entity<StoredMappingProfile>(profile =>
        {
            profile.HasIndex(p => p.Name).IsUnique();
            profile.Property(p => p.Name).HasMaxLength(200);
            profile.Property(p => p.Preset).HasMaxLength(100);
            profile.Property(p => p.UpdatedAt).HasConversion(new DateTimeOffsetToBinaryConverter());
        });
        builder.Entity<SourceValidation>(validation =>
        {
            validation.HasIndex(v => new { v.ProfileId, v.CreatedAt });
            validation.Property(v => v.CreatedAt).HasConversion(new DateTimeOffsetToBinaryConverter());
            validation.Property(v => v.State).HasConversion<string>().HasMaxLength(20);
        });
        OnRunsCreating(builder);
    }

    private static void OnRunsCreating(ModelBuilder builder)
    {
        var binaryTime = new DateTimeOffsetToBinaryConverter();
        builder.Entity<ImportRun>(run =>
        {
            run.HasIndex(r => r.Number).IsUnique();
            run.HasIndex(r => r.CreatedAt);
            run.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            run.Property(r => r.CreatedAt).HasConversion(binaryTime);
            run.Property(r => r.StartedAt).HasConversion(binaryTime);
            run.Property(r => r.FinishedAt).HasConversion(binaryTime);
            run.Property(r => r.PlannedAt).HasConversion(binaryTime);
            run.Property(r => r.LeaseUntil).HasConversion(binaryTime);
            run.Property(r => r.DeletedAt).HasConversion(binaryTime);
            run.Property(r => r.RemovalRequestedAt).HasConversion(binaryTime);
            run.Property(r => r.RemovalFinishedAt).HasConversion(binaryTime);
            run.Property(r => r.CheckRequestedAt).HasConversion(binaryTime);
            run.Property(r => r.CheckFinishedAt).HasConversion(binaryTime);
            run.Property(r => r.SiteName).HasMaxLength(200);
            run.Property(r => r.ProfileName).HasMaxLength(200);
            run.Property(r => r.CreatedBy).HasMaxLength(256);
        });
        builder.Entity<ImportRecord>(record =>
        {
            // Claims read pending records of a stage in group and sequence order; the error list filters by state and kind.
            // Result rides at the end so a run's counts (by stage, state and result: the dashboard and the runs list) are
            // read from this index alone: with it, 117,000 records counted in 0.12 s from a cold cache instead of 5 s
            // of reading the records themselves. It costs nothing to keep: a record's state and result change together.
            record.HasIndex(r => new { r.RunId, r.Stage, r.State, r.GroupKey, r.Sequence, r.Result });
            record.HasIndex(r => new { r.RunId, r.Stage, r.Entity, r.SourceKey }).IsUnique();
            // Failed records are counted, grouped by source table and listed latest first from this index alone: a
            // misconfigured run can fail a hundred thousand records, and reading each of them to show the dashboard
            // took 6 s from a cold cache (117,000 failed records, sqlite3 on the same schema), the index 0.07 s.
            // Only failed records are in it: with every record in it, claiming a record and saving its outcome each moved
            // its entry (its state and time change), a quarter of the records database's cost per record sent. A query
            // reads it when its state is failed, as a constant or as a bound parameter (SQLite plans again with the value).
            record.HasIndex(r => new { r.RunId, r.ErrorKind, r.Table, r.Row, r.UpdatedAt })
                .HasFilter($"\"State\" = {(int)RecordState.Failed}").HasDatabaseName(FailedIndex);
            // The documents a removal kept or could not delete, listed on the dashboard: only records a removal reached
            // are in it, so an import writes nothing more.
            record.HasIndex(r => new { r.RunId, r.Removal }).HasFilter("\"Removal\" IS NOT NULL");
            // The documents a check of the site did not find, counted by doctype and listed: only those are in it.
            record.HasIndex(r => new { r.RunId, r.Doctype }).HasFilter("\"MissingSince\" IS NOT NULL").HasDatabaseName("IX_ImportRecords_RunId_Doctype_Missing");
            record.Property(r => r.MissingSince).HasConversion(binaryTime);
            record.Property(r => r.UpdatedAt).HasConversion(binaryTime);
            record.Property(r => r.Doctype).HasMaxLength(140);
        });
        builder.Entity<RecordAttempt>(attempt =>
        {
            attempt.HasIndex(a => a.RecordId);
            attempt.Property(a => a.At).HasConversion(binaryTime);
        });
        builder.Entity<IdMapEntry>(entry =>
        {
            entry.HasIndex(e => new { e.SiteId, e.Doctype, e.SourceKey }).IsUnique();
            entry.HasIndex(e => e.FirstRunId);
            entry.Property(e => e.CreatedAt).HasConversion(binaryTime);
            entry.Property(e => e.Doctype).HasMaxLength(140);
        });
    }
}

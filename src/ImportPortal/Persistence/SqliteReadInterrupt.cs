using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace ImportPortal.Persistence;

/// <summary>
/// A read whose caller gave up on it stops at once. Microsoft.Data.Sqlite only looks at a cancellation token before a
/// statement starts: a page closed while it sums up 100,000 failed records, or a search overtaken by the operator's
/// next keystroke, would otherwise go on to the end on a thread of the pool. Here the token interrupts SQLite
/// (<c>sqlite3_interrupt</c>) while the read's first step runs — where a count, a grouping or a sorted page does its
/// work — and the caller gets an <see cref="OperationCanceledException"/> as from any other cancelled call.
/// Only a <c>SELECT</c> is ever interrupted: a write (EF's inserts read back their keys through a reader too) always
/// finishes, so an outcome, a claim or a ledger line is never half-done because a page went away.
/// </summary>
internal sealed class SqliteReadInterrupt : DbCommandInterceptor
{
    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (result.HasResult || !cancellationToken.CanBeCanceled || !IsRead(command.CommandText) || command.Connection is not SqliteConnection { Handle: { } handle })
        {
            return result;
        }

        DbDataReader reader;
        var interrupt = cancellationToken.Register(static state => raw.sqlite3_interrupt((sqlite3)state!), handle);
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (SqliteException interrupted) when (interrupted.SqliteErrorCode == raw.SQLITE_INTERRUPT && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The read was given up by its caller.", interrupted, cancellationToken);
        }
        finally
        {
            // Waits for an interrupt under way: after it, none can land on a later statement of this connection.
            await interrupt.DisposeAsync();
        }

        if (cancellationToken.IsCancellationRequested)
        {
            // Interrupted after the first step ended: the next step would fail, and closing the reader clears the interrupt.
            await reader.DisposeAsync();
            throw new OperationCanceledException(cancellationToken);
        }

        return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
    }

    internal static bool IsRead(string? sql) => sql is not null && sql.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
}

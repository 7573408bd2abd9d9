using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImportPortal.Runs;

/// <summary>
/// Rows for one SQL statement, as a JSON array of objects that the statement reads with <c>jsonb_each</c>, in chunks of
/// about <see cref="ChunkBytes"/>: small enough to stay off the large-object heap, large enough that a statement carries
/// dozens of rows. Binding a dozen parameters per row and stepping a statement per row cost the portal more CPU than
/// SQLite's own writing. <c>jsonb_each</c>, not <c>json_each</c>: the latter hands each row over as text that every
/// <c>-&gt;&gt;</c> parses again (a tenth of the records database's time per record, measured). Read by SQLite alone, so only what JSON itself requires is escaped; a body is kept as the wire
/// had it.
/// </summary>
internal sealed class JsonRows : IDisposable
{
    private const int ChunkBytes = 24 * 1024;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(ChunkBytes * 2);
    private readonly System.Buffers.ArrayBufferWriter<byte> _body = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly Utf8JsonWriter _bodyJson;

    public JsonRows()
    {
        _json = new Utf8JsonWriter(_buffer, Options);
        _bodyJson = new Utf8JsonWriter(_body, Options);
    }

    public IEnumerable<byte[]> Chunks<T>(IEnumerable<T> rows, Action<Utf8JsonWriter, T> write)
    {
        var open = false;
        foreach (var row in rows)
        {
            if (!open)
            {
                _buffer.ResetWrittenCount();
                _json.Reset(_buffer);
                _json.WriteStartArray();
                open = true;
            }

            _json.WriteStartObject();
            write(_json, row);
            _json.WriteEndObject();
            if (_json.BytesCommitted + _json.BytesPending >= ChunkBytes)
            {
                yield return Close();
                open = false;
            }
        }

        if (open)
        {
            yield return Close();
        }
    }

    /// <summary>A JSON document's UTF-8 text, to be written as a string value; valid until the next call.</summary>
    public ReadOnlySpan<byte> Utf8Of(JsonNode node) => Utf8Of(node, static (json, n) => n.WriteTo(json));

    /// <summary>The UTF-8 text of the JSON <paramref name="write"/> writes, to be written as a string value; valid until the next call.</summary>
    public ReadOnlySpan<byte> Utf8Of<T>(T state, Action<Utf8JsonWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        _body.ResetWrittenCount();
        _bodyJson.Reset(_body);
        write(_bodyJson, state);
        _bodyJson.Flush();
        return _body.WrittenSpan;
    }

    public static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    public static void Number(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter BinaryTime = new();

    /// <summary>A Guid as EF Core keeps it in SQLite: upper-case text.</summary>
    public static string Key(Guid id) => id.ToString().ToUpperInvariant();

    /// <summary>A time as the records' columns keep it (EF Core's binary DateTimeOffset), so it sorts.</summary>
    public static long Stamp(DateTimeOffset at) => (long)BinaryTime.ConvertToProvider(at)!;

    /// <summary>Runs <paramref name="sql"/> with those of the parameters it names.</summary>
    public static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    public void Dispose()
    {
        _json.Dispose();
        _bodyJson.Dispose();
    }

    /// <summary>The chunk's UTF-8 bytes: bound as a blob and read as text by SQLite, never turned into a .NET string.</summary>
    private byte[] Close()
    {
        _json.WriteEndArray();
        _json.Flush();
        return _buffer.WrittenSpan.ToArray();
    }
}

using System.Text.Json;

namespace ImportPortal.Domain.Sources;

/// <summary>
/// Walks a JSON stream with <see cref="Utf8JsonReader"/> over a refilled buffer and hands out one record at a time:
/// the elements of a top-level array, of an array held by the top-level object (the chosen one or the first), or
/// each top-level value of NDJSON. Only the current record is ever held; other lists are skipped token by token.
/// </summary>
internal sealed class JsonRecordCursor(Stream stream, bool ndjson, string? table, int maxDepth, int maxRecordBytes)
{
    private enum Phase { Root, InObject, Skip, InRecords, Done }

    private enum Step { Record, NeedMore, End, NotRecords }

    private readonly List<string> lists = [];
    private byte[] buffer = new byte[1 << 16];
    private int start, end;
    private bool final;
    private bool bomChecked; // a byte-order mark (UTF-8, or UTF-16 after transcoding) is not JSON
    private JsonReaderState state = new(new JsonReaderOptions
    {
        AllowMultipleValues = ndjson,
        MaxDepth = maxDepth,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    });

    private Phase phase = Phase.Root;
    private int recordDepth, skipDepth;
    private string? property;

    /// <summary>The names of the arrays the top-level object held, as far as the read got.</summary>
    public IReadOnlyList<string> Lists => lists;

    public string? Table { get; private set; }

    public bool SawNonRecord { get; private set; }

    /// <summary>Whether a list of records was found (a top-level array counts).</summary>
    public bool FoundList => recordDepth > 0;

    public async ValueTask<JsonDocument?> NextAsync(CancellationToken ct)
    {
        while (true)
        {
            switch (Advance(out var record))
            {
                case Step.Record:
                    return record;
                case Step.End:
                    return null;
                case Step.NotRecords:
                    SawNonRecord = true;
                    return null;
                default:
                    await FillAsync(ct);
                    break;
            }
        }
    }

    private Step Advance(out JsonDocument? record)
    {
        record = null;
        var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), final, state);
        while (true)
        {
            var before = reader.CurrentState;
            var consumed = reader.BytesConsumed;
            if (phase == Phase.Done || !reader.Read())
            {
                Commit(ref reader);
                return phase == Phase.Done || final ? Step.End : Step.NeedMore;
            }

            var step = OnToken(ref reader);
            if (step == Step.Record)
            {
                if (JsonDocument.TryParseValue(ref reader, out record))
                {
                    Commit(ref reader);
                    return Step.Record;
                }

                // The record goes past the buffer: start again from its first byte with more data.
                (start, state) = (start + (int)consumed, before);
                return Step.NeedMore;
            }

            if (step == Step.NotRecords)
            {
                return step;
            }
        }
    }

    // Returns Record when the reader sits on the first token of a record, NotRecords for a scalar where records
    // should be, NeedMore (meaning "keep reading") otherwise.
    private Step OnToken(ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;
        var depth = reader.CurrentDepth;
        switch (phase)
        {
            case Phase.Root when token == JsonTokenType.StartArray:
                (phase, recordDepth) = (Phase.InRecords, 1);
                return Step.NeedMore;
            case Phase.Root when token == JsonTokenType.StartObject:
                if (ndjson)
                {
                    return Step.Record;
                }

                phase = Phase.InObject;
                return Step.NeedMore;
            case Phase.Root:
                return Step.NotRecords;
            case Phase.InObject:
                return OnObjectToken(ref reader, token, depth);
            case Phase.Skip:
                if (token is JsonTokenType.EndArray or JsonTokenType.EndObject && depth == skipDepth)
                {
                    phase = Phase.InObject;
                }

                return Step.NeedMore;
            default:
                return OnRecordsToken(token, depth);
        }
    }

    private Step OnObjectToken(ref Utf8JsonReader reader, JsonTokenType token, int depth)
    {
        if (token == JsonTokenType.PropertyName && depth == 1)
        {
            property = reader.GetString();
        }
        else if (token == JsonTokenType.StartArray && depth == 1)
        {
            lists.Add(property ?? "");
            var chosen = table is null || string.Equals(table, property, StringComparison.OrdinalIgnoreCase);
            (phase, recordDepth, skipDepth, Table) = chosen ? (Phase.InRecords, 2, 0, property) : (Phase.Skip, 0, 1, Table);
        }
        else if (token == JsonTokenType.StartObject && depth == 1)
        {
            (phase, skipDepth) = (Phase.Skip, 1);
        }
        else if (token == JsonTokenType.EndObject && depth == 0)
        {
            phase = ndjson ? Phase.Root : Phase.Done;
        }

        return Step.NeedMore;
    }

    private Step OnRecordsToken(JsonTokenType token, int depth)
    {
        if (token == JsonTokenType.EndArray && depth == recordDepth - 1)
        {
            // A list inside the top object is the whole table: the rest of the file is not needed.
            phase = recordDepth == 1 && ndjson ? Phase.Root : Phase.Done;
            return Step.NeedMore;
        }

        return token == JsonTokenType.StartObject ? Step.Record : Step.NotRecords;
    }

    private void Commit(ref Utf8JsonReader reader)
    {
        start += (int)reader.BytesConsumed;
        state = reader.CurrentState;
    }

    private async ValueTask FillAsync(CancellationToken ct)
    {
        if (final)
        {
            throw new JsonException("The JSON ends in the middle of a value.");
        }

        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            (end, start) = (end - start, 0);
        }
        else if (end == buffer.Length)
        {
            if (buffer.Length >= maxRecordBytes)
            {
                throw new JsonRecordTooLargeException();
            }

            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxRecordBytes));
        }

        var read = await stream.ReadAsync(buffer.AsMemory(end), ct);
        end += read;
        final = read == 0;
        if (!bomChecked && (end >= 3 || final))
        {
            bomChecked = true;
            start = buffer.AsSpan(0, end).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        }
    }
}

/// <summary>One JSON record larger than the buffer may grow to.</summary>
internal sealed class JsonRecordTooLargeException : Exception
{
    public JsonRecordTooLargeException()
    {
    }

    public JsonRecordTooLargeException(string message)
        : base(message)
    {
    }

    public JsonRecordTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

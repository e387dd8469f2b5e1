using System.Text;
using System.Text.Json;

namespace Tessera.Cli.Output;

/// <summary>Writes results to standard output, buffered, as UTF-8.</summary>
internal sealed class OutputWriter : IDisposable
{
    private static readonly JsonWriterOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Stream _out;
    private readonly System.Buffers.ArrayBufferWriter<byte> _json = new();
    private readonly ByteBuffer _ids = new();

    public OutputWriter(Stream output) => _out = new BufferedStream(output, 1 << 16);

    public static OutputWriter StandardOutput() => new(Console.OpenStandardOutput());

    /// <summary>Ids formatted at a time: the formatting buffer stays small (a buffer for a whole block's ids was megabytes of fresh memory, a page fault per 4 KB).</summary>
    private const int IdsPerWrite = 1 << 14;

    /// <summary>Writes ids separated by spaces; <paramref name="leadingSpace"/> continues a line already begun.</summary>
    public void WriteIds(ReadOnlySpan<int> ids, bool leadingSpace = false)
    {
        for (int at = 0; at < ids.Length; at += IdsPerWrite)
        {
            if (leadingSpace || at > 0) _out.WriteByte((byte)' ');
            _ids.Clear();
            _ids.WriteIds(ids.Slice(at, Math.Min(IdsPerWrite, ids.Length - at)));
            _out.Write(_ids.Span);
        }
    }

    /// <summary>Writes each token as a JSON string, separated by spaces; bytes that are not UTF-8 appear as <c>\xHH</c>.</summary>
    public void WriteTokens(TiktokenTokenizer tokenizer, ReadOnlySpan<int> ids, bool leadingSpace = false)
    {
        for (int i = 0; i < ids.Length; i++)
        {
            if (i > 0 || leadingSpace) _out.WriteByte((byte)' ');
            string text = TokenText(tokenizer, ids[i]);
            WriteJsonValue(json => json.WriteStringValue(text));
        }
    }

    /// <summary>One JSON object: ids, token strings, character and byte offsets.</summary>
    public void WriteJson(TiktokenTokenizer tokenizer, IReadOnlyList<TokenOffset> tokens) => WriteJsonValue(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("ids");
        foreach (TokenOffset token in tokens) json.WriteNumberValue(token.Id);
        json.WriteEndArray();
        json.WriteStartArray("tokens");
        foreach (TokenOffset token in tokens) json.WriteStringValue(TokenText(tokenizer, token.Id));
        json.WriteEndArray();
        json.WriteStartArray("offsets");
        foreach (TokenOffset token in tokens) WritePair(json, token.CharStart, token.CharEnd);
        json.WriteEndArray();
        json.WriteStartArray("byte_offsets");
        foreach (TokenOffset token in tokens) WritePair(json, token.ByteStart, token.ByteEnd);
        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WritePair(Utf8JsonWriter json, int start, int end)
    {
        json.WriteStartArray();
        json.WriteNumberValue(start);
        json.WriteNumberValue(end);
        json.WriteEndArray();
    }

    /// <summary>Writes one JSON value with a writer (no reflection: the tool also compiles ahead of time).</summary>
    private void WriteJsonValue(Action<Utf8JsonWriter> write)
    {
        _json.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_json, s_json))
            write(json);
        _out.Write(_json.WrittenSpan);
    }

    public void Write(string text) => _out.Write(Encoding.UTF8.GetBytes(text));

    public void Write(ReadOnlySpan<byte> bytes) => _out.Write(bytes);

    public void WriteLine() => _out.WriteByte((byte)'\n');

    public void Dispose() => _out.Dispose();

    /// <summary>A token's text: its bytes as UTF-8 where valid, <c>\xHH</c> for each byte that is not.</summary>
    public static string TokenText(TiktokenTokenizer tokenizer, int id)
    {
        ReadOnlySpan<byte> bytes = tokenizer.GetTokenBytes(id);
        if (System.Text.Unicode.Utf8.IsValid(bytes))
            return Encoding.UTF8.GetString(bytes);
        var text = new StringBuilder();
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out Rune rune, out int consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
                bytes = bytes[consumed..];
            }
            else
            {
                // Every byte of an invalid or cut sequence is shown (the decoder reports how far it looked, not what to skip).
                text.Append($"\\x{bytes[0]:X2}");
                bytes = bytes[1..];
            }
        }
        return text.ToString();
    }
}

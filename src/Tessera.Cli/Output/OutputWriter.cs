using System.Text;
using System.Text.Json;

namespace Tessera.Cli.Output;

/// <summary>Writes results to standard output, buffered, as UTF-8.</summary>
internal sealed class OutputWriter : IDisposable
{
    private static readonly JsonSerializerOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Stream _out;
    private readonly ByteBuffer _ids = new();

    public OutputWriter(Stream output) => _out = new BufferedStream(output, 1 << 16);

    public static OutputWriter StandardOutput() => new(Console.OpenStandardOutput());

    /// <summary>Writes ids separated by spaces; <paramref name="leadingSpace"/> continues a line already begun.</summary>
    public void WriteIds(ReadOnlySpan<int> ids, bool leadingSpace = false)
    {
        if (leadingSpace && !ids.IsEmpty) _out.WriteByte((byte)' ');
        _ids.Clear();
        _ids.WriteIds(ids);
        _out.Write(_ids.Span);
    }

    /// <summary>Writes each token as a JSON string, separated by spaces; bytes that are not UTF-8 appear as <c>\xHH</c>.</summary>
    public void WriteTokens(TiktokenTokenizer tokenizer, ReadOnlySpan<int> ids, bool leadingSpace = false)
    {
        for (int i = 0; i < ids.Length; i++)
        {
            if (i > 0 || leadingSpace) _out.WriteByte((byte)' ');
            Write(JsonSerializer.Serialize(TokenText(tokenizer, ids[i]), s_json));
        }
    }

    /// <summary>One JSON object: ids, token strings, character and byte offsets.</summary>
    public void WriteJson(TiktokenTokenizer tokenizer, IReadOnlyList<TokenOffset> tokens)
    {
        var document = new
        {
            ids = tokens.Select(t => t.Id),
            tokens = tokens.Select(t => TokenText(tokenizer, t.Id)),
            offsets = tokens.Select(t => new[] { t.CharStart, t.CharEnd }),
            byte_offsets = tokens.Select(t => new[] { t.ByteStart, t.ByteEnd }),
        };
        Write(JsonSerializer.Serialize(document, s_json));
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
                text.Append(rune.ToString());
            else
                text.Append($"\\x{bytes[0]:X2}");
            bytes = bytes[Math.Max(1, consumed)..];
        }
        return text.ToString();
    }
}

using System.Text.Unicode;

namespace Tessera.Training;

/// <summary>
/// Reads training files a line at a time, each line with its line ending as Hugging Face's trainer reads them, in
/// blocks of whole lines (the corpus is never held whole); <c>-</c> is standard input, and a name ending in <c>.gz</c>
/// is decompressed as it is read. A line that is not valid UTF-8 is an error naming the file
/// and the byte offset of its first invalid byte.
/// </summary>
public static class TrainingCorpus
{
    /// <summary>
    /// Calls <paramref name="line"/> with each line of each file in turn; <paramref name="bytesRead"/>, when given, with
    /// the bytes read so far, after each block.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not valid UTF-8.</exception>
    public static void ForEachLine(IEnumerable<string> files, LineAction line, Action<long>? bytesRead = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        ForEachBlock(files, (file, offset, block, length) => ForEachLineOf(block.AsSpan(0, length), file, offset, line), bytesRead: bytesRead);
    }

    /// <summary>What <see cref="ForEachBlock"/> calls with each block: its file, the file offset of its first byte, and <c>block[..length]</c>.</summary>
    public delegate void BlockAction(string file, long offset, byte[] block, int length);

    /// <summary>
    /// Calls <paramref name="blocks"/> with the files' text in blocks of whole lines (the last line of a file may lack
    /// its line ending), each block an array of its own that the callee may keep (and hand back to
    /// <paramref name="rent"/>'s pool when done), and <paramref name="bytesRead"/> with the bytes read so far after each
    /// block. <paramref name="rent"/> gives an array of at least the length asked (by default a new one).
    /// </summary>
    public static void ForEachBlock(IEnumerable<string> files, BlockAction blocks, int blockBytes = 1 << 20, Action<long>? bytesRead = null,
        Func<int, byte[]>? rent = null)
    {
        rent ??= length => new byte[length];
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(blocks);
        long total = 0;
        foreach (string file in files)
        {
            using Stream stream = Open(file);
            byte[] block = rent(blockBytes);
            int held = 0;      // bytes of a line not yet ended, at the block's start
            long offset = 0;   // the file offset of block[0]
            while (true)
            {
                if (held == block.Length)
                    Array.Resize(ref block, block.Length * 2); // a line longer than a block
                int read = stream.Read(block, held, block.Length - held);
                total += read;
                int filled = held + read;
                if (read == 0)
                {
                    if (filled > 0)
                        blocks(file, offset, block, filled);
                    break;
                }
                int end = block.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
                held = filled - end;
                if (end == 0)
                    continue;
                byte[] next = rent(Math.Max(blockBytes, held));
                block.AsSpan(end, held).CopyTo(next);
                blocks(file, offset, block, end);
                offset += end;
                block = next;
                bytesRead?.Invoke(total);
            }
        }
    }

    /// <summary>The name that reads standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>The file (standard input for <c>-</c>), decompressed as it is read when its name ends in <c>.gz</c>.</summary>
    private static Stream Open(string file)
    {
        Stream raw = file == StandardInput
            ? Console.OpenStandardInput()
            : new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new System.IO.Compression.GZipStream(raw, System.IO.Compression.CompressionMode.Decompress) : raw;
    }

    /// <summary>
    /// Calls <paramref name="line"/> with each line of <c>block[..length]</c>, with its line ending; a line that is not
    /// valid UTF-8 is an error naming <paramref name="file"/> and the line's offset from <paramref name="offset"/>, or
    /// with <paramref name="invalidLines"/> left out and counted there.
    /// </summary>
    /// <remarks>
    /// With <paramref name="jsonlField"/>, each line is a JSON object and what is delivered is the lines of its string
    /// field of that name (each with its line feed but the last); a line that is not such an object is an error like
    /// invalid UTF-8 (or left out and counted with <paramref name="invalidLines"/>); blank lines are passed over.
    /// </remarks>
    public static void ForEachLineOf(ReadOnlySpan<byte> block, string file, long offset, LineAction line, SkippedLines? invalidLines = null,
        string? jsonlField = null)
    {
        int start = 0;
        for (int end; (end = block[start..].IndexOf((byte)'\n')) >= 0; start += end + 1)
            Deliver(block.Slice(start, end + 1), file, offset + start, line, invalidLines, jsonlField);
        if (start < block.Length)
            Deliver(block[start..], file, offset + start, line, invalidLines, jsonlField);
    }

    /// <summary>What <see cref="ForEachLine"/> calls with each line.</summary>
    public delegate void LineAction(ReadOnlySpan<byte> line);

    private static void Deliver(ReadOnlySpan<byte> text, string file, long offset, LineAction line, SkippedLines? invalidLines, string? jsonlField)
    {
        if (!Utf8.IsValid(text))
        {
            if (invalidLines is null)
                throw new InvalidDataException($"{file}: invalid UTF-8 at byte {offset + FirstInvalid(text)}");
            invalidLines.Add();
            return;
        }
        if (jsonlField is null)
        {
            line(text);
            return;
        }
        if (text.Trim(" \t\r\n"u8).IsEmpty)
            return;
        if (JsonlText(text, jsonlField) is not { } field)
        {
            if (invalidLines is null)
                throw new InvalidDataException($"{file}: the line at byte {offset} is not a JSON object with a string field \"{jsonlField}\"");
            invalidLines.Add();
            return;
        }
        ReadOnlySpan<byte> rest = field;
        for (int end; (end = rest.IndexOf((byte)'\n')) >= 0; rest = rest[(end + 1)..])
            line(rest[..(end + 1)]);
        if (!rest.IsEmpty)
            line(rest);
    }

    /// <summary>The string the reader is on, unescaped, as UTF-8 (never longer than as written).</summary>
    private static byte[] Unescaped(ref System.Text.Json.Utf8JsonReader reader)
    {
        var text = new byte[reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length];
        return text[..reader.CopyString(text)];
    }

    /// <summary>The UTF-8 text of the string field <paramref name="name"/> of the JSON object <paramref name="json"/>, or null.</summary>
    private static byte[]? JsonlText(ReadOnlySpan<byte> json, string name)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                bool wanted = reader.ValueTextEquals(name);
                reader.Read();
                if (wanted)
                    return reader.TokenType == System.Text.Json.JsonTokenType.String ? Unescaped(ref reader) : null;
                reader.Skip();
            }
            return null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Where the first byte that starts no valid character is.</summary>
    private static int FirstInvalid(ReadOnlySpan<byte> text)
    {
        System.Buffers.OperationStatus status = System.Text.Rune.DecodeFromUtf8(text, out _, out int consumed);
        int at = 0;
        while (status == System.Buffers.OperationStatus.Done && at < text.Length)
        {
            at += consumed;
            status = System.Text.Rune.DecodeFromUtf8(text[at..], out _, out consumed);
        }
        return at;
    }
}

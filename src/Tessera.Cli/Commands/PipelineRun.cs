using System.Text;
using System.Text.Json;
using Tessera.Cli.Input;
using Tessera.Cli.Output;

namespace Tessera.Cli.Commands;

/// <summary>
/// <c>encode</c> and <c>count</c> with a tokenizer.json or SentencePiece pipeline (<see cref="Tokenizer"/>). Special
/// added tokens in the text: matched under <c>--special allow</c>, text under <c>ordinary</c> (Hugging Face's
/// <c>split_special_tokens</c>; non-special added tokens still match), an error under <c>error</c>. The
/// post-processor's tokens (BOS, EOS, CLS/SEP) only with <c>--add-special-tokens</c>.
/// </summary>
internal sealed record PipelineRun(Tokenizer Tokenizer, string Special, bool AddSpecialTokens, int Threads, string Format)
{
    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public void PerLine(InputSource source, bool countOnly)
    {
        using InputStream input = source.Open();
        using var progress = new ProgressBar(() => input.BytesRead, source.Length);
        using var output = OutputWriter.StandardOutput();
        int lineNumber = 0;
        foreach (LineBatch lines in LineReader.Batches(input))
        {
            var texts = new string[lines.Count];
            for (int i = 0; i < lines.Count; i++)
                texts[i] = Text(lines[i].Span, source.Name, lineNumber + i + 1);
            var encoded = new TokenEncoding?[lines.Count];
            var ids = new int[lines.Count][];
            Parallel.For(0, lines.Count, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i =>
            {
                if (Format is "ids" || countOnly)
                    ids[i] = EncodeIds(texts[i], source.Name, lineNumber + i + 1);
                else
                    encoded[i] = EncodeFull(texts[i], source.Name, lineNumber + i + 1);
            });
            for (int i = 0; i < lines.Count; i++)
            {
                if (countOnly) output.Write(ids[i].Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
                else if (Format is "ids") output.WriteIds(ids[i]);
                else Write(output, encoded[i]!);
                output.WriteLine();
            }
            lineNumber += lines.Count;
        }
    }

    public void Whole(InputSource source, bool countOnly)
    {
        string text;
        using (InputStream input = source.Open())
        using (var buffer = new MemoryStream())
        {
            input.CopyTo(buffer);
            text = Text(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), source.Name, 0);
        }
        using var output = OutputWriter.StandardOutput();
        if (countOnly)
            output.Write(EncodeIds(text, source.Name, 0).Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        else if (Format is "ids")
            output.WriteIds(EncodeIds(text, source.Name, 0));
        else
            Write(output, EncodeFull(text, source.Name, 0));
        output.WriteLine();
    }

    private int[] EncodeIds(string text, string source, int line)
    {
        if (Special == "error")
        {
            // Special tokens found in the text are refused; those the post-processor adds are not, nor those the model
            // gives (WordPiece's [UNK] is special in BERT): a special id is refused only when matching special tokens
            // changed the ids.
            int[] plain = Tokenizer.EncodeToIds(text, addSpecialTokens: false, matchSpecialTokens: true);
            if (Array.FindIndex(plain, Tokenizer.IsSpecialToken) is int first and >= 0)
            {
                int[] unmatched = Tokenizer.EncodeToIds(text, addSpecialTokens: false, matchSpecialTokens: false);
                int differ = 0;
                while (differ < plain.Length && differ < unmatched.Length && plain[differ] == unmatched[differ])
                    differ++;
                if (differ < plain.Length || differ < unmatched.Length)
                    throw Rejected(Array.FindIndex(plain, differ, Tokenizer.IsSpecialToken) is int at and >= 0 ? plain[at] : plain[first], source, line);
            }
            if (!AddSpecialTokens)
                return plain;
        }
        return Tokenizer.EncodeToIds(text, AddSpecialTokens, matchSpecialTokens: Special != "ordinary");
    }

    private TokenEncoding EncodeFull(string text, string source, int line)
    {
        if (Special == "error")
            EncodeIds(text, source, line);
        return Tokenizer.Encode(text, AddSpecialTokens, matchSpecialTokens: Special != "ordinary");
    }

    private CliException Rejected(int id, string source, int line) =>
        CliException.Input($"{Where(source, line)}: special token '{Tokenizer.IdToToken(id)}' in the text (use --special allow or --special ordinary)");

    private void Write(OutputWriter output, TokenEncoding encoding)
    {
        using var buffer = new MemoryStream();
        if (Format == "tokens")
        {
            // Each token as a JSON string, space-separated (as for the tiktoken encodings).
            using (var tokens = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                for (int i = 0; i < encoding.Count; i++)
                {
                    tokens.WriteStringValue(encoding.Tokens[i]);
                    tokens.Flush();
                    tokens.Reset(); // each token is a JSON value of its own
                    if (i + 1 < encoding.Count) buffer.WriteByte((byte)' ');
                }
            }
            output.Write(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            return;
        }
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("ids");
            foreach (int id in encoding.Ids) json.WriteNumberValue(id);
            json.WriteEndArray();
            json.WriteStartArray("tokens");
            foreach (string token in encoding.Tokens) json.WriteStringValue(token);
            json.WriteEndArray();
            json.WriteStartArray("offsets");
            foreach ((int start, int end) in encoding.Offsets)
            {
                json.WriteStartArray();
                json.WriteNumberValue(start);
                json.WriteNumberValue(end);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.Write(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static string Text(ReadOnlySpan<byte> utf8, string source, int line)
    {
        try
        {
            return s_strict.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw CliException.Input($"{Where(source, line)}: invalid UTF-8 at byte {e.Index + 1}{(line > 0 ? " of the line" : "")} (this tokenizer encodes text)");
        }
    }

    private static string Where(string source, int line) => line > 0 ? $"{source}:{line}" : source;
}

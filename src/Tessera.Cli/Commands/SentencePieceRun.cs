using System.Globalization;
using System.Text.Json;
using Tessera.Cli.Input;
using Tessera.Cli.Output;

namespace Tessera.Cli.Commands;

/// <summary>
/// <c>encode</c> and <c>count</c> with a SentencePiece <c>.model</c>, as <c>spm_encode --output_format=id</c> encodes:
/// control symbols are never matched in text and nothing is added (so <c>--special</c> and
/// <c>--add-special-tokens</c> change nothing); user-defined symbols always match.
/// </summary>
internal sealed record SentencePieceRun(SentencePieceTokenizer Tokenizer, int Threads, string Format)
{
    public static SentencePieceRun? For(string path, int threads, string format) =>
        File.Exists(path) && path.EndsWith(".model", StringComparison.OrdinalIgnoreCase)
            ? new SentencePieceRun(SentencePieceTokenizer.Load(path), threads, format)
            : null;

    public void PerLine(InputSource source, bool countOnly)
    {
        using InputStream input = source.Open();
        using var progress = new ProgressBar(() => input.BytesRead, source.Length);
        using var output = OutputWriter.StandardOutput();
        foreach (LineBatch lines in LineReader.Batches(input))
        {
            if (Threads == 1)
            {
                // One thread: each line's ids straight from the tokenizer's scratch buffer to the output.
                foreach (ReadOnlyMemory<byte> line in lines)
                {
                    Write(output, Tokenizer.EncodeToScratch(line.Span), countOnly);
                    output.WriteLine();
                }
                continue;
            }
            var ids = new int[lines.Count][];
            Parallel.For(0, lines.Count, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i => ids[i] = Tokenizer.EncodeToIds(lines[i].Span));
            foreach (int[] line in ids)
            {
                Write(output, line, countOnly);
                output.WriteLine();
            }
        }
    }

    public void Whole(InputSource source, bool countOnly)
    {
        using InputStream input = source.Open();
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        using var output = OutputWriter.StandardOutput();
        Write(output, Tokenizer.EncodeToIds(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), countOnly);
        output.WriteLine();
    }

    private void Write(OutputWriter output, ReadOnlySpan<int> ids, bool countOnly)
    {
        if (countOnly)
            output.Write(ids.Length.ToString(CultureInfo.InvariantCulture));
        else if (Format == "ids")
            output.WriteIds(ids);
        else
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteStartArray("ids");
                foreach (int id in ids) json.WriteNumberValue(id);
                json.WriteEndArray();
                json.WriteStartArray("tokens");
                foreach (int id in ids) json.WriteStringValue(Tokenizer.IdToPiece(id));
                json.WriteEndArray();
                json.WriteEndObject();
            }
            output.Write(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
    }
}

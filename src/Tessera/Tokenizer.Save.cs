using Tessera.Formats.HuggingFace;

namespace Tessera;

public sealed partial class Tokenizer
{
    /// <summary>
    /// Writes the tokenizer as tokenizer.json, which Hugging Face tokenizers loads. The file is written to a temporary
    /// file beside <paramref name="path"/> and moved into place, so a failed write leaves no partial file.
    /// </summary>
    public void Save(string path) => Internal.AtomicFile.Write(path, stream => TokenizerJsonWriter.Write(Pipeline, stream));

    /// <summary>The tokenizer as tokenizer.json text.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        TokenizerJsonWriter.Write(Pipeline, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

using Tessera.Formats.HuggingFace;

namespace Tessera;

public sealed partial class Tokenizer
{
    /// <summary>
    /// Writes the tokenizer as tokenizer.json, which Hugging Face tokenizers loads. The file is written to a temporary
    /// file beside <paramref name="path"/> and moved into place, so a failed write leaves no partial file.
    /// </summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                TokenizerJsonWriter.Write(Pipeline, stream);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>The tokenizer as tokenizer.json text.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        TokenizerJsonWriter.Write(Pipeline, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

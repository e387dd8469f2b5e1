using Tessera.Internal;
using Tessera.Models.Bpe;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// The BPE models of large tokenizer.json files kept on disk between loads (<see cref="BpeModelImage"/>), in the folder
/// of the built-in encodings' tables (<see cref="TableCache"/>): the first load of a file reads it and then writes the
/// built tables on another thread; a later load, in any process, maps them instead of reading the vocabulary and
/// merges again. One file per model (the bytes of a tokenizer.json from its vocabulary on: <see cref="ModelImageLookup"/>)
/// and library build, named <c>tokenizer-KEY-BUILD.image</c>: a file edited or replaced is read afresh, as its checksum
/// differs. Image files that no process has read for a week are removed when a new one is written. See
/// docs/algorithms/tokenizer-pipeline.md.
/// </summary>
internal sealed class ModelImageCache(string folder)
{
    /// <summary>Files smaller than this are read as they are: they load in a few milliseconds.</summary>
    public const int From = 1 << 20;

    private const string Family = "tokenizer", Extension = ".image";

    private Thread? _lastSave;

    /// <summary>The cache in <see cref="TableCache.Folder"/>, or null when there is none.</summary>
    public static ModelImageCache? Default { get; } = TableCache.Folder is { } folder ? new(folder) : null;

    /// <summary>The tables built from the tokenizer.json <paramref name="source"/>, when they are kept and whole; else null.</summary>
    public BpeModelImage.Contents? TryLoad(BpeModelImage.Source source)
    {
        MappedFile? file = MappedFile.TryOpen(PathOf(source));
        if (file is null)
            return null;
        BpeModelImage.Contents? contents = BpeModelImage.Read(file, source, TableCache.Build);
        if (contents is null)
            file.Dispose();
        return contents;
    }

    /// <summary>
    /// Writes the tables of <paramref name="model"/>, read from <paramref name="source"/>, on a new thread that the process
    /// waits for before it exits (a short-lived process still leaves its image). A failure to write leaves no file.
    /// </summary>
    public void SaveLater(BpeModelImage.Source source, BpeModelImage.Spans spans, BpeModel model)
    {
        var thread = new Thread(() => Save(source, spans, model)) { IsBackground = false, Name = "Tessera model image" };
        _lastSave = thread;
        thread.Start();
    }

    /// <summary>Waits for the last <see cref="SaveLater"/> to end (tests).</summary>
    internal void WaitForSave() => _lastSave?.Join();

    /// <summary>Where the image of <paramref name="source"/> is kept.</summary>
    internal string PathOf(BpeModelImage.Source source)
    {
        Span<byte> key = stackalloc byte[16];
        BitConverter.TryWriteBytes(key, source.Checksum);
        BitConverter.TryWriteBytes(key[8..], source.Length);
        // Concatenated in two steps: six strings at once go through an inline array, generic code compiled at first use.
        return Path.Combine(folder, string.Concat(string.Concat(Family, "-", TableCache.Hex(key)), string.Concat("-", TableCache.Hex(TableCache.Build), Extension)));
    }

    private void Save(BpeModelImage.Source source, BpeModelImage.Spans spans, BpeModel model)
    {
        try
        {
            TableCache.TryWrite(folder, Family, Extension, PathOf(source), output => BpeModelImage.Write(output, model, source, spans, TableCache.Build));
        }
#pragma warning disable CA1031 // a cache that cannot be written is no cache; the process must not end over it
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }
}

using Tessera.Formats.Json;
using Tessera.Internal;
using Tessera.Lowering;
using Tessera.Models;
using Tessera.Models.Bpe;
using Tessera.Models.SentencePiece;
using Tessera.Models.Unigram;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// Reads a tokenizer.json in one scan of its bytes (<see cref="JsonScanner"/>). A BPE model's vocabulary and merges,
/// nearly all of the file, are read where they are (<see cref="BpeJsonScanner"/>), and only the small parts (the
/// model's other fields, the normalizer, pre-tokenizer and the rest) become JSON trees (<see cref="JsonTree"/>); a
/// Unigram, WordPiece or WordLevel model becomes a tree too. Null for anything the scan does not read (malformed JSON,
/// a BPE of another shape, an untagged model): the caller then reads the file with the JSON reader, which says what
/// is wrong and where.
/// </summary>
internal static class ScannedBpeReader
{
    /// <summary>The pipeline of the tokenizer.json <paramref name="utf8"/>, or null; no model image is used or kept.</summary>
    public static TokenizerPipeline? TryRead(ReadOnlySpan<byte> utf8, string file) => TryRead(utf8, file, (ModelImageLookup?)null, null, out _);

    /// <summary>
    /// The pipeline of the tokenizer.json <paramref name="utf8"/>, or null. A large file's model is mapped from
    /// <paramref name="images"/> when it is kept there, and kept there once read when it is not (<see cref="ModelImageCache"/>).
    /// </summary>
    public static TokenizerPipeline? TryRead(ReadOnlySpan<byte> utf8, string file, ModelImageCache? images) =>
        TryRead(utf8, file, images is null ? null : new ModelImageLookup(images), null, out _);

    /// <summary>
    /// <see cref="TryRead(ReadOnlySpan{byte}, string, ModelImageCache?)"/>; when it reads the file and a helper thread
    /// did part of the work, <paramref name="owner"/> of the bytes is handed over to that thread, which disposes it
    /// once its work is done (<paramref name="handedOver"/>); otherwise it stays the caller's.
    /// </summary>
    public static TokenizerPipeline? TryRead(ReadOnlySpan<byte> utf8, string file, ModelImageCache? images, IDisposable? owner, out bool handedOver) =>
        TryRead(utf8, file, images is null ? null : new ModelImageLookup(images), owner, out handedOver);

    /// <summary>
    /// <see cref="TryRead(ReadOnlySpan{byte}, string, ModelImageLookup?, HelpedLoad)"/>; a large file gets a helper
    /// thread that reads its merges ahead and then takes a share of the rest (<see cref="HelpedLoad"/>).
    /// </summary>
    private static unsafe TokenizerPipeline? TryRead(ReadOnlySpan<byte> utf8, string file, ModelImageLookup? image, IDisposable? owner, out bool handedOver)
    {
        TokenizerPipeline? pipeline = null;
        fixed (byte* json = utf8)
        {
            var helped = new HelpedLoad(json, utf8.Length);
            if (image is null)
                helped.Start();
            try
            {
                pipeline = TryRead(utf8, file, image, helped);
            }
            finally
            {
                // The read-ahead reads the file's memory, which is pinned only here; the owner is handed over only
                // when the file was read, else the caller reads the bytes again.
                handedOver = helped.End(pipeline is null ? null : owner);
            }
            return pipeline;
        }
    }

    private static TokenizerPipeline? TryRead(ReadOnlySpan<byte> utf8, string file, ModelImageLookup? image, HelpedLoad helped)
    {
        var scan = new JsonScanner(utf8, 0);
        var parts = new Dictionary<string, JsonTree>(StringComparer.Ordinal);
        BpeModel? model = null;
        JsonTree? otherModel = null; // a Unigram, WordPiece or WordLevel model, read once the rest of the file is scanned
        List<AddedToken>? addedTokens = null; // read by the scan, when in the plain form (else a part)
        // Tables the lowered encoder will want are built ahead on another thread, for a pipeline that may want them
        // (Hugging Face writes the normalizer and pre-tokenizer before the model): the byte-level table when the
        // pre-tokenizer has a ByteLevel or is not known yet; a SentencePiece-style vocabulary's character tables when
        // a part before the model mentions "▁".
        bool mayBeByteLevel = true, mayBeMetaspace = false;
        if (!scan.TryRead((byte)'{'))
            return null;
        do
        {
            if (!scan.TryReadName(out string name))
                return null;
            if (name == "model")
            {
                if (model is not null || otherModel is not null)
                    return null; // a second model: the JSON reader reads them in turn
                helped.ReadPartsAhead(parts, addedTokens, file);
                JsonScanner atModel = scan;
                if ((model = TryReadModel(ref scan, utf8, file, mayBeByteLevel, image, helped)) is null)
                {
                    if (image is { Refused: true })
                        return TryRead(utf8, file, image.WithoutImage(), helped);
                    scan = atModel;
                    helped.Ahead?.CallOff();
                    if ((otherModel = TryReadOtherModel(ref scan, utf8)) is null)
                        return null;
                    continue;
                }
                model.PrepareMerges(helped.Helper);
                if (mayBeMetaspace)
                    model.Strings.PrepareMetaspaceTables(helped.Helper);
                continue;
            }
            if (name == "added_tokens" && scan.Peek() == '[')
            {
                JsonScanner atTokens = scan;
                if ((addedTokens = AddedTokensScanner.TryRead(ref atTokens, utf8)) is not null)
                {
                    scan = atTokens;
                    parts.Remove(name);
                    continue;
                }
            }
            int start = scan.Position;
            if (TryReadPart(ref scan, utf8) is not { } part)
                return null;
            ReadOnlySpan<byte> raw = utf8[start..scan.Position];
            if (name == "pre_tokenizer")
                mayBeByteLevel = raw.IndexOf("\"ByteLevel\""u8) >= 0;
            mayBeMetaspace |= raw.IndexOf("\u2581"u8) >= 0 || raw.IndexOf("\\u2581"u8) >= 0 || raw.IndexOf("Metaspace"u8) >= 0;
            if (name == "added_tokens")
                addedTokens = null;
            parts[name] = part;
        }
        while (scan.TryRead((byte)','));
        if (!scan.TryRead((byte)'}') || scan.Peek() != -1)
            return null;
        if (model is null)
        {
            return otherModel is null ? null
                : TokenizerJsonReader.Assemble(ModelJson.Read(new JsonObject(otherModel.Root, file, "$.model")), parts, file, addedTokens, helped.Parts);
        }
        TokenizerPipeline pipeline = TokenizerJsonReader.Assemble(model, parts, file, addedTokens, helped.Parts);
        image?.KeepRead(model);
        return pipeline;
    }

    /// <summary>
    /// Reads the model object that comes next as a JSON tree when its <c>"type"</c> is Unigram, WordPiece or WordLevel
    /// (a BPE the scan does not read, and an untagged model, are left to the JSON reader); else returns null.
    /// </summary>
    private static JsonTree? TryReadOtherModel(ref JsonScanner scan, ReadOnlySpan<byte> utf8)
    {
        if (TryReadPart(ref scan, utf8) is not { } tree || tree.Root.ValueKind != JsonKind.Object
            || !tree.Root.TryGetProperty("type", out JsonNode type) || type.ValueKind != JsonKind.String)
            return null;
        ReadOnlySpan<byte> raw = type.RawUtf8;
        if (raw.SequenceEqual("\"Unigram\""u8))
        {
            // The lowered Unigram's loops, compiled on another core while the model is built.
            CompileAhead.Start(typeof(LoweredUnigram));
            CompileAhead.Start(typeof(UnigramModel));
            CompileAhead.Start(typeof(WordCache));
            return tree;
        }
        return raw.SequenceEqual("\"WordPiece\""u8) || raw.SequenceEqual("\"WordLevel\""u8) ? tree : null;
    }

    /// <summary>
    /// Reads the model object that comes next when it is a BPE with a vocabulary object, else returns null. Its
    /// vocabulary and merges are mapped from the model image <paramref name="image"/> finds when it names them where
    /// they are; else read, with <paramref name="helped"/> started: the merges taken from its read-ahead when it read
    /// them, half of them resolved and the byte-level table built on its helper thread; and <paramref name="image"/>
    /// notes where.
    /// </summary>
    private static BpeModel? TryReadModel(ref JsonScanner scan, ReadOnlySpan<byte> utf8, string file, bool mayBeByteLevel,
        ModelImageLookup? image, HelpedLoad helped)
    {
        StringVocabulary? vocabulary = null;
        NativeList<MergeText>? merges = null;
        NativeList<byte>? unescaped = null;
        bool vocabularyMapped = false, mergesMapped = false;
        bool typed = false;
        // The model's other fields (its options), copied as they are written into one object read as a tree: no
        // tree per field, nor a JSON writer, whose first use costs milliseconds of set-up and compiling.
        using var options = new MemoryStream();
        options.WriteByte((byte)'{');
        if (!scan.TryRead((byte)'{'))
            return null;
        if (!scan.TryRead((byte)'}'))
        {
            do
            {
                if (scan.Peek() != '"')
                    return null;
                int nameStart = scan.Position;
                if (!scan.TryReadName(out string name))
                    return null;
                if (name == "vocab")
                {
                    if (scan.Peek() != '{')
                        return null;
                    int start = scan.Position;
                    image?.LookUp(utf8, start);
                    if (image?.VocabularyEnd is >= 0 and int mappedEnd)
                    {
                        helped.Ahead?.CallOff();
                        (vocabulary, vocabularyMapped) = (image.Image!.Vocabulary, true);
                        scan = new JsonScanner(utf8, mappedEnd);
                        continue;
                    }
                    helped.Start();
                    if ((vocabulary = BpeJsonScanner.TryReadVocabulary(ref scan, utf8)) is null)
                        return null;
                    helped.Parts?.StartAddedVocabulary(vocabulary); // the added tokens read before the model, numbered on the helper
                    image?.ReadVocabulary(scan.Position);
                    continue;
                }
                if (name == "merges")
                {
                    if (scan.Peek() != '[')
                        return null;
                    int start = scan.Position;
                    if (vocabularyMapped && image!.MergesEnd(start) is >= 0 and int mappedEnd)
                    {
                        mergesMapped = true;
                        scan = new JsonScanner(utf8, mappedEnd);
                        continue;
                    }
                    // Waiting for the read-ahead, this thread reads the parts it would have read on the helper.
                    if (helped.Ahead is { } reading)
                        helped.Parts?.ReadWhile(() => !reading.IsDone);
                    if (helped.Ahead is { } ahead && ahead.TryTake(start, out NativeList<MergeText> early, out NativeList<byte> earlyEscapes, out int end))
                    {
                        (merges, unescaped) = (early, earlyEscapes);
                        scan = new JsonScanner(utf8, end);
                    }
                    else if (BpeJsonScanner.TryReadMerges(ref scan, utf8, out NativeList<MergeText> read, out NativeList<byte> escapes))
                    {
                        (merges, unescaped) = (read, escapes);
                    }
                    else
                    {
                        return null;
                    }
                    image?.ReadMerges(start, scan.Position);
                    continue;
                }
                if (scan.Peek() < 0)
                    return null;
                int valueStart = scan.Position;
                if (!scan.TrySkipValue())
                    return null;
                if (name == "type")
                {
                    if (!utf8[valueStart..scan.Position].SequenceEqual("\"BPE\""u8))
                        return null; // not read here (nor its vocabulary, which may come next); the JSON reader reads any other type
                    typed = true;
                }
                if (options.Length > 1)
                    options.WriteByte((byte)',');
                options.Write(utf8[nameStart..scan.Position]);
            }
            while (scan.TryRead((byte)','));
            if (!scan.TryRead((byte)'}'))
                return null;
        }
        options.WriteByte((byte)'}');
        if (vocabulary is null || (!typed && merges is null && !mergesMapped))
            return null; // no vocabulary, or nothing says the model is a BPE

        if (JsonTree.TryParse(options.GetBuffer().AsSpan(0, (int)options.Length)) is not { } optionsTree)
            return null;
        BpeOptions bpeOptions = BpeModel.ReadOptions(new JsonObject(optionsTree.Root, file, "$.model"));
        if (vocabularyMapped)
            return mergesMapped && image!.Fits(bpeOptions) ? image.Image!.Model(bpeOptions) : image!.Refuse();
        var triples = new NativeList<MergeTriple>(merges?.Count ?? 0);
        if (merges is not null)
        {
            try
            {
                new MergeResolver(vocabulary, bpeOptions.ContinuingSubwordPrefix).ResolveAll(utf8, unescaped!, merges, triples, helped.Helper);
            }
            catch (BpeMergeException e)
            {
                throw BpeJsonReader.MergeError(file, e);
            }
        }
        // After the merges: built before, the table took a core from their resolution.
        if (mayBeByteLevel)
            vocabulary.PrepareByteLevelTable(helped.Helper);
        return new BpeModel(vocabulary, triples, bpeOptions);
    }

    /// <summary>Reads the value that comes next as a JSON tree, or returns null.</summary>
    private static JsonTree? TryReadPart(ref JsonScanner scan, ReadOnlySpan<byte> utf8)
    {
        if (scan.Peek() < 0)
            return null;
        int start = scan.Position;
        return scan.TrySkipValue() ? JsonTree.TryParse(utf8[start..scan.Position]) : null;
    }
}

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Tessera.Formats.SentencePiece;
using Tessera.Models.SentencePiece;
using Tessera.Normalizers;

namespace Tessera;

/// <summary>
/// A SentencePiece model (<c>.model</c> file) with ids identical to SentencePiece's <c>spm_encode</c> and text identical
/// to <c>spm_decode</c>: unigram, BPE, CHAR and WORD models, the normalizer spec (precompiled charsmap,
/// <c>add_dummy_prefix</c>, <c>remove_extra_whitespaces</c>, <c>escape_whitespaces</c>), user-defined and control
/// symbols, UNUSED pieces and <c>byte_fallback</c>.
/// </summary>
/// <remarks>Immutable once loaded; one instance is safe to share across threads.</remarks>
/// <example>
/// <code>
/// var tokenizer = SentencePieceTokenizer.Load("tokenizer.model");
/// int[] ids = tokenizer.EncodeToIds("Hello, world");
/// string text = tokenizer.Decode(ids);
/// </code>
/// </example>
public sealed class SentencePieceTokenizer
{
    private readonly SentencePieceVocabulary _vocabulary;
    private readonly SentencePieceNormalizer _normalizer;
    private readonly SentencePieceNormalizer? _denormalizer;
    private readonly SentencePieceUnigram? _unigram;
    private readonly SentencePieceBpe? _bpe;
    private readonly SentencePieceChar? _char;
    private readonly SentencePieceWord? _word;
    private readonly int[]? _byteIds;
    private readonly byte[] _unknownSurface;
    private readonly bool _stripLeadingSpace;
    private readonly bool _removeExtraWhitespaces;
    // Lines of printable ASCII and spaces go to the unigram or BPE model spaced, not normalized (see TryCopySpacedLine).
    private readonly bool _spacedLines;

    private SentencePieceTokenizer(ModelProto model, string source)
    {
        Source = source;
        TrainerSpec trainer = model.TrainerSpec;
        CompileEncoderAhead(trainer.ModelType);
        _vocabulary = new SentencePieceVocabulary(model, source);
        ModelType = trainer.ModelType;
        _normalizer = new SentencePieceNormalizer(CharsMap(model.NormalizerSpec, source), _vocabulary.UserDefined,
            model.NormalizerSpec.AddDummyPrefix, model.NormalizerSpec.RemoveExtraWhitespaces,
            model.NormalizerSpec.EscapeWhitespaces, trainer.TreatWhitespaceAsSuffix);
        if (model.DenormalizerSpec is { PrecompiledCharsmap.Length: > 0 } denormalizer)
        {
            _denormalizer = new SentencePieceNormalizer(CharsMap(denormalizer, source), null, denormalizer.AddDummyPrefix,
                denormalizer.RemoveExtraWhitespaces, denormalizer.EscapeWhitespaces, treatWhitespaceAsSuffix: false);
        }
        switch (ModelType)
        {
            case SentencePieceModelType.Unigram: _unigram = new SentencePieceUnigram(_vocabulary); break;
            case SentencePieceModelType.Bpe: _bpe = new SentencePieceBpe(_vocabulary); break;
            case SentencePieceModelType.Char: _char = new SentencePieceChar(_vocabulary); break;
            default: _word = new SentencePieceWord(_vocabulary); break;
        }
        _spacedLines = (_unigram is { CutsBeforeSpace: true } || _bpe is { CutsBeforeSpace: true }) && _normalizer.SpacedLines;
        if (trainer.ByteFallback)
        {
            _byteIds = new int[256];
            for (int b = 0; b < 256; b++)
                _byteIds[b] = _vocabulary.ByteId((byte)b);
        }
        _unknownSurface = trainer.UnkSurface ?? " \u2047 "u8.ToArray();
        _stripLeadingSpace = model.NormalizerSpec.AddDummyPrefix || model.NormalizerSpec.RemoveExtraWhitespaces;
        _removeExtraWhitespaces = model.NormalizerSpec.RemoveExtraWhitespaces;
        UnkId = ControlOrUnknown(trainer.UnkPiece ?? "<unk>"u8.ToArray(), PieceType.Unknown);
        BosId = ControlOrUnknown(trainer.BosPiece ?? "<s>"u8.ToArray(), PieceType.Control);
        EosId = ControlOrUnknown(trainer.EosPiece ?? "</s>"u8.ToArray(), PieceType.Control);
        PadId = ControlOrUnknown(trainer.PadPiece ?? "<pad>"u8.ToArray(), PieceType.Control);
    }

    /// <summary>The file the model came from.</summary>
    public string Source { get; }

    /// <summary>The model's algorithm.</summary>
    public SentencePieceModelType ModelType { get; }

    /// <summary>The number of pieces (ids are 0 to this minus one).</summary>
    public int VocabularySize => _vocabulary.Count;

    /// <summary>The id of the unknown piece (<c>unk_id()</c>), or -1.</summary>
    public int UnkId { get; }

    /// <summary>The id of the beginning-of-sentence control piece (<c>bos_id()</c>), or -1 when there is none.</summary>
    public int BosId { get; }

    /// <summary>The id of the end-of-sentence control piece (<c>eos_id()</c>), or -1 when there is none.</summary>
    public int EosId { get; }

    /// <summary>The id of the padding control piece (<c>pad_id()</c>), or -1 when there is none.</summary>
    public int PadId { get; }

    /// <summary>Loads a SentencePiece <c>.model</c> file.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="TokenizerFormatException">The file is not a well-formed model: a broken protocol buffer, or a
    /// model SentencePiece itself rejects (the message names the file and the byte offset).</exception>
    public static SentencePieceTokenizer Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromBytes(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a model from the bytes of a <c>.model</c> file.</summary>
    /// <param name="model">The serialized <c>ModelProto</c>.</param>
    /// <param name="source">How to name the data in error messages.</param>
    /// <exception cref="TokenizerFormatException">The bytes are not a well-formed model.</exception>
    public static SentencePieceTokenizer FromBytes(ReadOnlySpan<byte> model, string source = "(bytes)") =>
        new(ModelProto.Parse(model, source ?? "(bytes)"), source ?? "(bytes)");

    /// <summary>
    /// Starts compiling the encoder's hot loops (marked for full optimization, so without precompiled code) on another
    /// core while the model is built, as a Unigram tokenizer.json does (<see cref="Internal.CompileAhead"/>): compiled at
    /// the first encode, they took 60-85 ms of the first pass over a corpus, on the encoding thread.
    /// </summary>
    private static void CompileEncoderAhead(SentencePieceModelType type)
    {
        if (type is not (SentencePieceModelType.Unigram or SentencePieceModelType.Bpe))
            return;
        Internal.CompileAhead.Start(typeof(SentencePieceTokenizer));
        Internal.CompileAhead.Start(typeof(SentencePieceNormalizer));
        Internal.CompileAhead.Start(typeof(WordCache));
        Internal.CompileAhead.Start(typeof(WordCuts));
        if (type == SentencePieceModelType.Unigram)
        {
            Internal.CompileAhead.Start(typeof(SentencePieceUnigram));
        }
        else
        {
            Internal.CompileAhead.Start(typeof(SentencePieceBpe));
            Internal.CompileAhead.Start(typeof(SentencePieceBpeMerge));
        }
    }

    /// <summary>The ids of <paramref name="text"/>, as <c>spm_encode --output_format=id</c> gives them for one line.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public int[] EncodeToIds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = max > 1024 ? System.Buffers.ArrayPool<byte>.Shared.Rent(max) : null;
        try
        {
            Span<byte> utf8 = rented is null ? stackalloc byte[1024] : rented;
            int length = Encoding.UTF8.GetBytes(text, utf8);
            return EncodeToIds(utf8[..length]);
        }
        finally
        {
            if (rented is not null)
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The ids of UTF-8 text, which may be malformed (each malformed byte is normalized to U+FFFD, as SentencePiece
    /// does).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int[] EncodeToIds(ReadOnlySpan<byte> utf8) => EncodeToScratch(utf8).ToArray();

    /// <summary>
    /// Encodes UTF-8 text (as <see cref="EncodeToIds(ReadOnlySpan{byte})"/>) into <paramref name="destination"/>
    /// without allocating: a corpus encoded line by line then costs no array per line (on 104 MB of prose, the arrays
    /// set off about 80 collections per pass).
    /// </summary>
    /// <returns><see cref="OperationStatus.Done"/>, or <see cref="OperationStatus.DestinationTooSmall"/> with
    /// <paramref name="written"/> set to the number of ids that did fit (the first ones).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public OperationStatus EncodeToIds(ReadOnlySpan<byte> utf8, Span<int> destination, out int written)
    {
        ReadOnlySpan<int> ids = EncodeToScratch(utf8);
        written = Math.Min(ids.Length, destination.Length);
        ids[..written].CopyTo(destination);
        return written == ids.Length ? OperationStatus.Done : OperationStatus.DestinationTooSmall;
    }

    /// <summary>
    /// The ids of UTF-8 text in this thread's scratch buffer, without an array per call: valid until the next encode on
    /// this thread (for the command line's single-threaded per-line loop).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal ReadOnlySpan<int> EncodeToScratch(ReadOnlySpan<byte> utf8)
    {
        Scratch scratch = Scratch.Current;
        PieceOutput output = Encode(utf8, scratch);
        scratch.Ids = output.Buffer;
        return output.Ids;
    }

    /// <summary>The number of ids <see cref="EncodeToIds(string)"/> would return.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return EncodeToScratch(Encoding.UTF8.GetBytes(text)).Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PieceOutput Encode(ReadOnlySpan<byte> utf8, Scratch scratch)
    {
        if (_spacedLines && _normalizer.TryCopySpacedLine(utf8, ref scratch.Normalized, Scratch.Readable, out int spaced))
        {
            var spacedOutput = new PieceOutput(_vocabulary.Types, _byteIds, scratch.Ids);
            if (_unigram is not null)
                _unigram.EncodeSpaced(scratch.Normalized, spaced, ref scratch.Best, ref spacedOutput);
            else
                _bpe!.EncodeSpaced(scratch.Normalized, spaced, ref scratch.Pieces, ref spacedOutput);
            return spacedOutput;
        }
        int length = _normalizer.Normalize(utf8, ref scratch.Normalized);
        if (scratch.Normalized.Length < length + Scratch.Readable)
            Array.Resize(ref scratch.Normalized, length + Math.Max(Scratch.Readable, length));
        ReadOnlySpan<byte> normalized = scratch.Normalized.AsSpan(0, length);
        var output = new PieceOutput(_vocabulary.Types, _byteIds, scratch.Ids);
        if (_unigram is not null)
            _unigram.Encode(scratch.Normalized, length, ref scratch.Best, ref output);
        else if (_bpe is not null)
            _bpe.Encode(scratch.Normalized, length, ref scratch.Pieces, ref output);
        else if (_char is not null)
            _char.Encode(normalized, ref output);
        else
            _word!.Encode(normalized, ref output);
        return output;
    }

    /// <summary>
    /// The text of <paramref name="ids"/>, as <c>spm_decode</c> gives it: "▁" becomes a space (the one that starts the
    /// text is dropped: all of them with <c>remove_extra_whitespaces</c>), control pieces vanish, the unknown piece reads " ⁇ ", byte pieces are joined into characters
    /// and each byte that forms no character becomes U+FFFD.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is not in the vocabulary.</exception>
    public string Decode(ReadOnlySpan<int> ids) => Encoding.UTF8.GetString(DecodeToBytes(ids));

    /// <summary>The UTF-8 bytes of <see cref="Decode"/>'s text.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is not in the vocabulary.</exception>
    public byte[] DecodeToBytes(ReadOnlySpan<int> ids)
    {
        var text = new List<byte>(ids.Length * 4);
        var bytes = new List<byte>();
        // Whether a leading "▁" may still be dropped: until something is written, and, without
        // remove_extra_whitespaces, only until one has been dropped (the dummy prefix).
        bool atStart = true, dropped = false;
        foreach (int id in ids)
        {
            if ((uint)id >= (uint)_vocabulary.Count)
                ThrowHelper.ThrowUnknownId(id);
            PieceType type = _vocabulary.TypeOf(id);
            if (type == PieceType.Byte)
            {
                bytes.Add((byte)SentencePieceVocabulary.ByteOfPiece(_vocabulary.Piece(id)));
                continue;
            }
            AppendBytes(text, bytes);
            if (dropped || text.Count > 0)
                atStart = false;
            dropped = false;
            if (type == PieceType.Control)
                continue;
            if (type == PieceType.Unknown)
            {
                text.AddRange(_unknownSurface);
                continue;
            }
            ReadOnlySpan<byte> piece = _vocabulary.Piece(id);
            if (atStart && _stripLeadingSpace && piece.StartsWith(Utf8Rules.SpaceSymbol))
            {
                piece = piece[3..];
                dropped = !_removeExtraWhitespaces;
            }
            for (int at = piece.IndexOf(Utf8Rules.SpaceSymbol); at >= 0; at = piece.IndexOf(Utf8Rules.SpaceSymbol))
            {
                text.AddRange(piece[..at]);
                text.Add((byte)' ');
                piece = piece[(at + 3)..];
            }
            text.AddRange(piece);
        }
        AppendBytes(text, bytes);
        byte[] result = [.. text];
        if (_denormalizer is not null)
        {
            byte[] denormalized = new byte[result.Length * 3 + 16];
            int length = _denormalizer.Normalize(result, ref denormalized);
            result = denormalized[..length];
        }
        return result;
    }

    /// <summary>The piece of <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is not in the vocabulary.</exception>
    public string IdToPiece(int id)
    {
        if ((uint)id >= (uint)_vocabulary.Count)
            ThrowHelper.ThrowUnknownId(id);
        return _vocabulary.PieceString(id);
    }

    /// <summary>The id of <paramref name="piece"/> (<c>PieceToId</c>): the unknown id when there is no such piece.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="piece"/> is null.</exception>
    public int PieceToId(string piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        return _vocabulary.PieceToId(Encoding.UTF8.GetBytes(piece));
    }

    // Byte pieces decode to the characters they form; a byte that forms none becomes U+FFFD.
    private static void AppendBytes(List<byte> text, List<byte> bytes)
    {
        if (bytes.Count == 0)
            return;
        ReadOnlySpan<byte> span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes);
        for (int i = 0; i < span.Length;)
        {
            int length = Utf8Rules.ValidLength(span[i..]);
            if (length == 0)
            {
                text.AddRange(Utf8Rules.Replacement);
                i++;
            }
            else
            {
                text.AddRange(span.Slice(i, length));
                i += length;
            }
        }
        bytes.Clear();
    }

    private int ControlOrUnknown(byte[] piece, PieceType type)
    {
        int id = _vocabulary.PieceToId(piece);
        return _vocabulary.TypeOf(id) == type ? id : -1;
    }

    private static PrecompiledCharsMap? CharsMap(NormalizerSpec spec, string source)
    {
        if (spec.PrecompiledCharsmap.Length == 0)
            return null;
        return PrecompiledCharsMap.TryParse(spec.PrecompiledCharsmap, out string? problem)
            ?? throw ProtoReader.Error(source, spec.PrecompiledCharsmapOffset, problem!);
    }

    /// <summary>Buffers reused by the encodes of one thread.</summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? t_current;

        // Bytes readable past a normalized text, for the word walk's whole-vector loads.
        public const int Readable = 32;

        public byte[] Normalized = new byte[1024];
        public int[] Ids = new int[256];
        public SentencePieceUnigram.Best[] Best = new SentencePieceUnigram.Best[1024];
        public int[] Pieces = new int[256];

        public static Scratch Current => t_current ??= new Scratch();
    }
}

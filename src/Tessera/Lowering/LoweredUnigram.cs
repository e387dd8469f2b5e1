using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Tessera.Internal;
using Tessera.Models;
using Tessera.Models.SentencePiece;
using Tessera.Models.Unigram;
using Tessera.PreTokenizers;
using Tessera.Text;

namespace Tessera.Lowering;

/// <summary>
/// A SentencePiece-style Unigram pipeline (<see cref="UnigramLowering"/>) as one pass over bytes: each text between
/// added tokens is normalized (by the pipeline's normalizer, when it has one and the text is not left as it is), its
/// spaces become the replacement, the replacement goes first as the pipeline says, the words are cut where the
/// pre-tokenizer cuts them, and each word goes to <see cref="UnigramModel.Tokenize"/>. Ids only: no offsets are kept.
/// </summary>
internal sealed class LoweredUnigram(UnigramModel model, AddedVocabulary added, WordMarking marking) : ILoweredPipeline
{
    [ThreadStatic] private static Scratch? t_scratch;

    private readonly BytesNormalization? _bytesNormalization = marking.Normalizer is { } n ? BytesNormalization.Of(n) : null;

    // The ids of words seen before, per thread (as SentencePiece models keep them: WordCache). The model's own piece
    // cache keeps only words of up to 16 bytes and 3 pieces, whose offsets follow from their ids; ids alone can be kept
    // for any word of up to 32 bytes and 12 pieces (an 8,000-piece vocabulary cuts many prose words into more than 3).
    private readonly ThreadLocal<WordCache> _words = new(() => new WordCache(model.VocabularySize));

    private sealed class Scratch
    {
        public byte[] Utf8 = new byte[256];
        public byte[] Marked = new byte[256]; // the words of a segment (EncodeSegment)
        public int[] Words = new int[128];     // where each starts and ends in Marked
        public readonly List<int> Ids = new(256);
        public readonly List<Token> Tokens = [];
        public readonly ByteWriter First = new(), Second = new();
        public WordCache? WordsSeen; // this pipeline's, for the call under way
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int[] EncodeToIds(string text, bool matchSpecial)
    {
        Scratch scratch = t_scratch ??= new Scratch();
        scratch.WordsSeen = _words.Value;
        List<int> ids = scratch.Ids;
        ids.Clear();
        ReadOnlySpan<byte> utf8 = Utf8Buffer.Encode(text, ref scratch.Utf8);
        if (!added.MayMatchRaw(utf8, matchSpecial))
        {
            if (!utf8.IsEmpty)
                EncodeSegment(utf8, 0, scratch, ids);
            return [.. ids];
        }
        foreach ((int id, int start, int end) in added.FindRawMatches(utf8, matchSpecial))
        {
            if (id >= 0)
                ids.Add(id);
            else if (end > start)
                EncodeSegment(utf8.Slice(start, end - start), start, scratch, ids);
        }
        return [.. ids];
    }

    /// <summary>
    /// One text between added tokens: normalized, cut into words, each marked (spaces replaced, the replacement put
    /// first as the pipeline says) and cut at its replacements when the pre-tokenizer cuts there, all into the
    /// scratch's buffer first; then the words are encoded one word ahead, the next word's cache slot loading while this
    /// one is looked up (the cache is larger than the CPU's caches, so a lookup alone waits for memory).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EncodeSegment(ReadOnlySpan<byte> segment, int offset, Scratch scratch, List<int> ids)
    {
        ReadOnlySpan<byte> normalized = Normalized(segment, offset, scratch);
        if (normalized.IsEmpty)
            return; // text the normalizer removed: Hugging Face prepends nothing to an empty string
        int replacement = marking.Replacement.Length;
        int room = (2 * normalized.Length + 2) * Math.Max(1, replacement);
        if (scratch.Marked.Length < room)
            scratch.Marked = new byte[Math.Max(room, scratch.Marked.Length * 2)];
        if (scratch.Words.Length < 2 * room + 2)
            scratch.Words = new int[Math.Max(2 * room + 2, scratch.Words.Length * 2)];
        var words = new MarkedWords(scratch.Marked, scratch.Words);
        if (marking.SplitOnWhitespace)
        {
            bool[] whitespace = s_asciiWhitespace;
            for (int i = 0; i < normalized.Length;)
            {
                int wordStart = EndOfRun(normalized, i, whitespace: true, whitespace);
                int wordEnd = EndOfRun(normalized, wordStart, whitespace: false, whitespace);
                if (wordEnd > wordStart)
                    Mark(normalized[wordStart..wordEnd], prepend: true, ref words);
                i = wordEnd;
            }
        }
        else
        {
            Mark(normalized, marking.Prepend == PrependScheme.Always || (marking.Prepend == PrependScheme.First && offset == 0), ref words);
        }
        EncodeWords(scratch, words.Count, ids);
    }

    /// <summary>The text as the normalizer leaves it (the text itself when there is none): on bare bytes when it can, else with alignments.</summary>
    private ReadOnlySpan<byte> Normalized(ReadOnlySpan<byte> segment, int offset, Scratch scratch)
    {
        if (marking.Normalizer is not { } normalizer)
            return segment;
        if (_bytesNormalization is { } bytes)
            return bytes.Apply(segment, scratch.First, scratch.Second);
        var text = new NormalizedString(segment, offset);
        normalizer.Normalize(text);
        return text.Normalized;
    }

    /// <summary>The words of a segment, written one after another into a buffer: its bytes, and where each word starts and ends.</summary>
    private ref struct MarkedWords(byte[] bytes, int[] bounds)
    {
        public readonly byte[] Bytes = bytes;
        public readonly int[] Bounds = bounds; // word k is Bytes[Bounds[2k]..Bounds[2k + 1]]
        public int Length, Count;

        public void Cut(int start, int end)
        {
            Bounds[2 * Count] = start;
            Bounds[2 * Count + 1] = end;
            Count++;
        }
    }

    /// <summary>
    /// Appends the text with its spaces replaced, the replacement first when <paramref name="prepend"/>, then cuts
    /// it into words: before each replacement (which goes with what follows it) when the pre-tokenizer splits, else one word.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Mark(ReadOnlySpan<byte> text, bool prepend, ref MarkedWords words)
    {
        byte[] replacement = marking.Replacement;
        if (prepend && !marking.PrependEvenBeforeReplacement && StartsWithReplacement(text))
            prepend = false;
        Span<byte> marked = words.Bytes;
        int start = words.Length, length = start;
        if (prepend)
        {
            replacement.CopyTo(marked[length..]);
            length += replacement.Length;
        }
        while (!text.IsEmpty)
        {
            int space = text.IndexOf((byte)' ');
            ReadOnlySpan<byte> before = space < 0 ? text : text[..space];
            before.CopyTo(marked[length..]);
            length += before.Length;
            if (space < 0)
                break;
            replacement.CopyTo(marked[length..]);
            length += replacement.Length;
            text = text[(space + 1)..];
        }
        words.Length = length;
        if (start == length)
            return;
        if (!marking.SplitOnReplacement || replacement.Length == 0)
        {
            words.Cut(start, length);
            return;
        }
        // Cut before each replacement (merged with what follows it).
        for (int at = start + 1; at < length; at++)
        {
            int found = marked[at..length].IndexOf(replacement[0]);
            if (found < 0)
                break;
            at += found;
            if (marked[at..length].StartsWith(replacement))
            {
                words.Cut(start, at);
                start = at;
            }
        }
        words.Cut(start, length);
    }

    /// <summary>Encodes the marked words, looking each up in the word cache, the next one's slot loading meanwhile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EncodeWords(Scratch scratch, int count, List<int> ids)
    {
        ReadOnlySpan<byte> marked = scratch.Marked;
        ReadOnlySpan<int> bounds = scratch.Words.AsSpan(0, 2 * count);
        WordCache cache = scratch.WordsSeen!;
        WordCache.Key key = count > 0 ? KeyOf(marked, bounds, 0) : default;
        for (int k = 0; k < count; k++)
        {
            WordCache.Key next = default;
            if (k + 1 < count)
            {
                next = KeyOf(marked, bounds, k + 1);
                cache.Prefetch(next);
            }
            Tokenize(marked[bounds[2 * k]..bounds[2 * k + 1]], key, scratch, ids);
            key = next;
        }
    }

    /// <summary>The cache key of marked word <paramref name="k"/>; empty for a word too long to be cached.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static WordCache.Key KeyOf(ReadOnlySpan<byte> marked, ReadOnlySpan<int> bounds, int k)
    {
        ReadOnlySpan<byte> word = marked[bounds[2 * k]..bounds[2 * k + 1]];
        return word.Length <= WordCache.MaxWordLength ? new WordCache.Key(word) : default;
    }

    /// <summary>Whether the text starts with the replacement once its spaces are replaced (Metaspace then prepends nothing).</summary>
    private bool StartsWithReplacement(ReadOnlySpan<byte> text) => text.StartsWith(marking.Replacement) || (!text.IsEmpty && text[0] == (byte)' ');

    /// <summary>The ids of a word: from the word cache when it is there (<paramref name="key"/>: its key, when it is short enough to be kept), else from the model.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Tokenize(ReadOnlySpan<byte> word, in WordCache.Key key, Scratch scratch, List<int> ids)
    {
        if (word.IsEmpty)
            return;
        WordCache words = scratch.WordsSeen!;
        bool cached = word.Length <= WordCache.MaxWordLength;
        if (cached)
        {
            Span<int> known = stackalloc int[WordCache.IdsRoom];
            int count = words.TryGet(key, known, out _, out _);
            if (count > 0)
            {
                IdList.Append(ids, known[..count]);
                return;
            }
        }
        List<Token> tokens = scratch.Tokens;
        tokens.Clear();
        model.Tokenize(word, tokens);
        int first = ids.Count;
        foreach (Token token in tokens)
            ids.Add(token.Id);
        if (cached)
            words.Add(key, CollectionsMarshal.AsSpan(ids)[first..]);
    }

    /// <summary>Whether each ASCII character is white space (Rust's <c>char::is_whitespace</c>, as <see cref="HuggingFaceChars.IsWhitespace"/>).</summary>
    private static readonly bool[] s_asciiWhitespace = AsciiWhitespace();

    private static bool[] AsciiWhitespace()
    {
        var table = new bool[128];
        for (int c = 0; c < table.Length; c++)
            table[c] = HuggingFaceChars.IsWhitespace(c);
        return table;
    }

    /// <summary>Where the run of white space (or of anything else) starting at <paramref name="i"/> ends.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EndOfRun(ReadOnlySpan<byte> text, int i, bool whitespace, bool[] asciiWhitespace)
    {
        while (i < text.Length)
        {
            byte b = text[i];
            if (b < 0x80)
            {
                if (asciiWhitespace[b] != whitespace)
                    break;
                i++;
                continue;
            }
            int c = Utf8Chars.Decode(text, i, out int length);
            if (HuggingFaceChars.IsWhitespace(c) != whitespace)
                break;
            i += length;
        }
        return i;
    }
}

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
        public byte[] Marked = new byte[256];
        public readonly List<int> Ids = new(256);
        public readonly List<Token> Tokens = [];
        public readonly ByteWriter First = new(), Second = new();
        public WordCache? Words; // this pipeline's, for the call under way
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int[] EncodeToIds(string text, bool matchSpecial)
    {
        Scratch scratch = t_scratch ??= new Scratch();
        scratch.Words = _words.Value;
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EncodeSegment(ReadOnlySpan<byte> segment, int offset, Scratch scratch, List<int> ids)
    {
        ReadOnlySpan<byte> normalized = Normalized(segment, offset, scratch);
        if (normalized.IsEmpty)
            return; // text the normalizer removed: Hugging Face prepends nothing to an empty string
        if (marking.SplitOnWhitespace)
        {
            for (int i = 0; i < normalized.Length;)
            {
                int wordStart = EndOfRun(normalized, i, whitespace: true);
                int wordEnd = EndOfRun(normalized, wordStart, whitespace: false);
                if (wordEnd > wordStart)
                    EncodeMarked(normalized[wordStart..wordEnd], prepend: true, scratch, ids);
                i = wordEnd;
            }
            return;
        }
        bool prepend = marking.Prepend == PrependScheme.Always || (marking.Prepend == PrependScheme.First && offset == 0);
        EncodeMarked(normalized, prepend, scratch, ids);
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

    /// <summary>Spaces replaced, the replacement put first when <paramref name="prepend"/>, then cut into words for the model.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EncodeMarked(ReadOnlySpan<byte> text, bool prepend, Scratch scratch, List<int> ids)
    {
        byte[] replacement = marking.Replacement;
        if (prepend && !marking.PrependEvenBeforeReplacement && StartsWithReplacement(text))
            prepend = false;
        int worst = (prepend ? replacement.Length : 0) + text.Length * Math.Max(1, replacement.Length);
        if (scratch.Marked.Length < worst)
            scratch.Marked = new byte[Math.Max(worst, scratch.Marked.Length * 2)];
        Span<byte> marked = scratch.Marked;
        int length = 0;
        if (prepend)
        {
            replacement.CopyTo(marked);
            length = replacement.Length;
        }
        foreach (byte b in text)
        {
            if (b == (byte)' ')
            {
                replacement.CopyTo(marked[length..]);
                length += replacement.Length;
            }
            else
            {
                marked[length++] = b;
            }
        }
        ReadOnlySpan<byte> all = marked[..length];
        if (!marking.SplitOnReplacement)
        {
            Tokenize(all, scratch, ids);
            return;
        }
        // Cut before each replacement (merged with what follows it).
        int start = 0;
        for (int at = 1; at < all.Length; at++)
        {
            if (all[at] == replacement[0] && all[at..].StartsWith(replacement))
            {
                Tokenize(all[start..at], scratch, ids);
                start = at;
            }
        }
        Tokenize(all[start..], scratch, ids);
    }

    /// <summary>Whether the text starts with the replacement once its spaces are replaced (Metaspace then prepends nothing).</summary>
    private bool StartsWithReplacement(ReadOnlySpan<byte> text) => text.StartsWith(marking.Replacement) || (!text.IsEmpty && text[0] == (byte)' ');

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Tokenize(ReadOnlySpan<byte> word, Scratch scratch, List<int> ids)
    {
        if (word.IsEmpty)
            return;
        WordCache words = scratch.Words!;
        bool cached = word.Length <= WordCache.MaxWordLength;
        WordCache.Key key = default;
        if (cached)
        {
            key = new WordCache.Key(word);
            Span<int> known = stackalloc int[WordCache.IdsRoom];
            int count = words.TryGet(key, known, out _);
            for (int i = 0; i < count; i++)
                ids.Add(known[i]);
            if (count > 0)
                return;
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

    /// <summary>Where the run of white space (or of anything else) starting at <paramref name="i"/> ends.</summary>
    private static int EndOfRun(ReadOnlySpan<byte> text, int i, bool whitespace)
    {
        while (i < text.Length)
        {
            int c = Utf8Chars.Decode(text, i, out int length);
            if (HuggingFaceChars.IsWhitespace(c) != whitespace)
                break;
            i += length;
        }
        return i;
    }
}

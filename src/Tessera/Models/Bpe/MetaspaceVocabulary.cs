using Tessera.Text;

namespace Tessera.Models.Bpe;

/// <summary>
/// What a SentencePiece-style BPE encoder needs to know of a vocabulary whose words start with "▁" (U+2581): the token
/// of each single character, and per token whether a run of symbols may be merged apart from the rest before or after
/// it (<see cref="StartsWord"/>, <see cref="EndsFree"/>). Made once per vocabulary (<see cref="StringVocabulary.MetaspaceTables"/>),
/// from every token's characters.
/// </summary>
internal sealed class MetaspaceVocabulary
{
    public const int Metaspace = 0x2581;

    /// <summary>Flags of <see cref="Boundary"/>: the token starts with "▁"; the token ends with a character c (not "▁") that no token holds followed by "▁".</summary>
    public const byte StartsWord = 1, EndsFree = 2;

    private readonly int[] _bmpIds = new int[0x10000]; // the id of each BMP character's one-character token, -1 when none
    private readonly Dictionary<int, int> _astralIds = []; // the same for the characters beyond the BMP

    /// <remarks>
    /// One pass over the tokens finds the one-character tokens, the words' starts, each token's last character and the
    /// characters seen before a "▁" (found as its three bytes, which in UTF-8 are always that character); the flags
    /// that need all of those come from a pass over the last characters. Gemma 3's 262,144 tokens took 17-22 ms as
    /// three passes decoding every character (9-12 ms now), built in the background while its load went on.
    /// </remarks>
    private MetaspaceVocabulary(StringVocabulary strings)
    {
        int limit = strings.IdLimit;
        var lastChars = new int[limit];
        var flags = new byte[limit];
        var beforeMetaspace = new CharSet();
        for (int c = 0; c < _bmpIds.Length; c++) // not Array.Fill: generic code a first load compiled, and ran unoptimized
            _bmpIds[c] = -1;
        for (int id = 0; id < limit; id++)
        {
            ReadOnlySpan<byte> token = strings.Utf8Of(id);
            if (token.IsEmpty)
            {
                lastChars[id] = -1;
                continue;
            }
            int first = Utf8Chars.Decode(token, 0, out int firstLength);
            if (Utf8Chars.LengthAt(token, 0) == token.Length)
            {
                // The first token of a character keeps it.
                if (first >= 0x10000)
                    _astralIds.TryAdd(first, id);
                else if (_bmpIds[first] < 0)
                    _bmpIds[first] = id;
            }
            if (first == Metaspace)
                flags[id] |= StartsWord;
            for (int at = firstLength; at < token.Length;)
            {
                int found = token[at..].IndexOf(MetaspaceUtf8);
                if (found < 0)
                    break;
                at += found;
                int previous = Utf8Chars.Decode(token, Utf8Chars.StartOfLast(token[..at]), out _);
                if (previous != Metaspace)
                    beforeMetaspace.Add(previous);
                at += MetaspaceUtf8.Length;
            }
            lastChars[id] = Utf8Chars.Decode(token, Utf8Chars.StartOfLast(token), out _);
        }
        for (int id = 0; id < limit; id++)
        {
            int last = lastChars[id];
            if (last >= 0 && last != Metaspace && !beforeMetaspace.Contains(last))
                flags[id] |= EndsFree;
        }
        Boundary = flags;
    }

    public static MetaspaceVocabulary Of(StringVocabulary strings) => new(strings);

    /// <summary>
    /// Per id: <see cref="StartsWord"/>, <see cref="EndsFree"/>. They say where a run of symbols can be merged apart from
    /// the rest: before a symbol whose token starts with "▁", after one whose token ends with a character c (not "▁")
    /// such that no token contains c followed by "▁". A merge across such a place would make a token holding c▁, and no
    /// merge can (its result must be a token), so the runs between such places merge independently, in any order, and
    /// each can be cached.
    /// </summary>
    public byte[] Boundary { get; }

    /// <summary>The id of the one-character token of <paramref name="c"/>, or -1.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int IdOfChar(int c) => c < 0x10000 ? _bmpIds[c] : _astralIds.GetValueOrDefault(c, -1);

    private static ReadOnlySpan<byte> MetaspaceUtf8 => "\u2581"u8;

    /// <summary>A set of code points: a bit per BMP character, a hash set for the rest.</summary>
    private sealed class CharSet
    {
        private readonly ulong[] _bmp = new ulong[0x10000 / 64];
        private readonly HashSet<int> _others = [];

        public void Add(int c)
        {
            if (c < 0x10000)
                _bmp[c >> 6] |= 1UL << c;
            else
                _others.Add(c);
        }

        public bool Contains(int c) => c < 0x10000 ? (_bmp[c >> 6] & (1UL << c)) != 0 : _others.Contains(c);
    }
}

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

    private readonly Dictionary<int, int> _charIds = [];
    private readonly int[] _bmpIds = new int[0x10000]; // the id of each BMP character's one-character token, -1 when none

    private MetaspaceVocabulary(StringVocabulary strings)
    {
        for (int id = 0; id < strings.IdLimit; id++)
        {
            ReadOnlySpan<byte> utf8 = strings.Utf8Of(id);
            if (!utf8.IsEmpty && Utf8Chars.LengthAt(utf8, 0) == utf8.Length)
                _charIds.TryAdd(Utf8Chars.Decode(utf8, 0, out _), id);
        }
        Array.Fill(_bmpIds, -1);
        foreach ((int c, int id) in _charIds)
            if (c < 0x10000)
                _bmpIds[c] = id;
        Boundary = WordBoundaries(strings);
    }

    public static MetaspaceVocabulary Of(StringVocabulary strings) => new(strings);

    /// <summary>Per id: <see cref="StartsWord"/>, <see cref="EndsFree"/>.</summary>
    public byte[] Boundary { get; }

    /// <summary>The id of the one-character token of <paramref name="c"/>, or -1.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int IdOfChar(int c) => c < 0x10000 ? _bmpIds[c] : _charIds.GetValueOrDefault(c, -1);

    /// <summary>
    /// Where a run of symbols can be merged apart from the rest: before a symbol whose token starts with "▁", after
    /// one whose token ends with a character c (not "▁") such that no token contains c followed by "▁". A merge
    /// across such a place would make a token holding c▁, and no merge can (its result must be a token), so the runs
    /// between such places merge independently, in any order, and each can be cached.
    /// </summary>
    private static byte[] WordBoundaries(StringVocabulary strings)
    {
        var beforeMetaspace = new HashSet<int>();
        for (int id = 0; id < strings.IdLimit; id++)
        {
            ReadOnlySpan<byte> token = strings.Utf8Of(id);
            int previous = -1;
            for (int i = 0; i < token.Length;)
            {
                int c = Utf8Chars.Decode(token, i, out int length);
                if (c == Metaspace && previous >= 0 && previous != Metaspace)
                    beforeMetaspace.Add(previous);
                previous = c;
                i += length;
            }
        }
        var flags = new byte[strings.IdLimit];
        for (int id = 0; id < strings.IdLimit; id++)
        {
            ReadOnlySpan<byte> token = strings.Utf8Of(id);
            if (token.IsEmpty)
                continue;
            if (Utf8Chars.Decode(token, 0, out _) == Metaspace)
                flags[id] |= StartsWord;
            int last = Utf8Chars.Decode(token, Utf8Chars.StartOfLast(token), out _);
            if (last != Metaspace && !beforeMetaspace.Contains(last))
                flags[id] |= EndsFree;
        }
        return flags;
    }
}

using Tessera.Internal;
using Tessera.Text;

namespace Tessera.Models.Bpe;

/// <summary>
/// A byte-level vocabulary (GPT-2's alphabet: each character of a token string stands for one byte) read as the bytes
/// its tokens stand for: the rank table the flat encoder looks pieces up in (rank = id).
/// </summary>
internal static unsafe class ByteLevelVocabulary
{
    /// <summary>
    /// The vocabulary as token bytes (each character of a token string stands for one byte); tokens with a character
    /// outside the byte alphabet, which byte-level text never contains, are left out; null when two tokens stand for
    /// the same bytes.
    /// </summary>
    public static RankTable? TableOf(StringVocabulary strings)
    {
        int limit = strings.IdLimit;
        var offsets = new RankTable.Offsets(limit);
        Span<int> start = offsets.Start;
        var arena = new NativeList<byte>(strings.Table.ArenaBytes); // a byte per character: never more than the strings
        Span<byte> bytes = new(arena.Pointer, (int)arena.Capacity);
        int at = 0;
        for (int id = 0; id < limit; id++)
        {
            start[id] = at;
            ReadOnlySpan<byte> utf8 = strings.Utf8Of(id);
            int written = Decode(utf8, bytes[at..]);
            if (written > 0)
                at += written;
        }
        start[limit] = at;
        var table = new RankTable(arena.Pointer, arena.Block, offsets);
        // Two tokens with the same bytes (the table notes them as it is built, where it met them): null, and the
        // general path handles the vocabulary. Looking every token up again to find them took 3-4% of Llama 3's load.
        return table.Count == 0 || table.HasDuplicateKeys ? null : table;
    }

    /// <summary>Writes the bytes a byte-level token string stands for; returns how many, or -1 (written nothing usable) when a character is outside the alphabet.</summary>
    /// <remarks>
    /// Every character of the alphabet is below U+0144, so one or two bytes of UTF-8: those are decoded here, and any
    /// longer character is outside it. A two-byte lead below 0xC2 (an overlong form, never valid UTF-8) is outside it
    /// too, as the general decoder would say. With the general decoder, decoding Llama 3's tokens took 37% longer
    /// (perf samples of the table's build, which runs on a thread beside the merges' resolution at load).
    /// </remarks>
    private static int Decode(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        int written = 0;
        for (int i = 0; i < utf8.Length; i++)
        {
            int c = utf8[i];
            if (c >= 0x80)
            {
                if (c < 0xC2 || c >= 0xE0 || i + 1 >= utf8.Length || (utf8[i + 1] & 0xC0) != 0x80)
                    return -1;
                c = ((c & 0x1F) << 6) | (utf8[++i] & 0x3F);
            }
            if (!ByteLevelAlphabet.TryByteOf(c, out byte b))
                return -1;
            destination[written++] = b;
        }
        return written;
    }
}

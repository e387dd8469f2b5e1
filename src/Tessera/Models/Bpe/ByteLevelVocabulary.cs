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
        RankTable source = strings.Table;
        int sourceBytes = source.ArenaBytes;
        // A byte per character, never more than the strings, and a word's worth of room: Decode stores whole words.
        // Huge pages, faulted in whole: Llama 3's megabyte faulted in 4 KB at a time cost the table's build 4-8 ms.
        var arena = NativeBlock.Large((nuint)sourceBytes + sizeof(ulong), zeroed: false);
        byte* bytes = (byte*)arena.Pointer;
        int at = 0;
        for (int id = 0; id < limit; id++)
        {
            start[id] = at;
            ReadOnlySpan<byte> utf8 = strings.Utf8Of(id);
            fixed (byte* token = utf8)
            {
                int written = utf8.IsEmpty ? 0 : Decode(token, utf8.Length, (int)(source.Arena + sourceBytes - token), bytes + at);
                if (written > 0)
                    at += written;
            }
        }
        start[limit] = at;
        var table = new RankTable(bytes, arena, offsets);
        // Two tokens with the same bytes (the table notes them as it is built, where it met them): null, and the
        // general path handles the vocabulary. Looking every token up again to find them took 3-4% of Llama 3's load.
        return table.Count == 0 || table.HasDuplicateKeys ? null : table;
    }

    private const ulong HighBits = 0x8080808080808080;
    private const ulong LowBits = 0x7F7F7F7F7F7F7F7F;

    /// <summary>
    /// Writes the bytes the byte-level token string at <paramref name="utf8"/> (<paramref name="length"/> bytes, of
    /// which <paramref name="readable"/> may be read) stands for; returns how many, or -1 (written nothing usable)
    /// when a character is outside the alphabet. May write up to eight bytes past what it returns.
    /// </summary>
    /// <remarks>
    /// The printable ASCII characters other than the space stand for themselves, and are most of a vocabulary's
    /// characters: they are checked and copied eight at a time (a word read where eight bytes can be read, the bytes
    /// past the token masked off). Any other character is decoded alone: every character of the alphabet is below
    /// U+0144, so one or two bytes of UTF-8, and any longer character is outside it. A two-byte lead below 0xC2 (an
    /// overlong form, never valid UTF-8) is outside it too, as the general decoder would say. Byte by byte, decoding
    /// Llama 3's tokens took 5-9 ms of its load, on the helper thread's path to the end of the load.
    /// </remarks>
    private static int Decode(byte* utf8, int length, int readable, byte* destination)
    {
        int written = 0;
        for (int i = 0; i < length;)
        {
            if (readable - i >= sizeof(ulong))
            {
                ulong word = System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(utf8 + i);
                // A byte is itself when it is printable ASCII other than the space, 0x21-0x7E: below 0x80, with
                // bit 7 set by adding 0x5F (so at least 0x21) and not by adding 1 (so not 0x7F). The high bits are
                // cleared before the sums so that no byte carries into the next.
                ulong low = word & LowBits;
                ulong outside = (word | ~(low + 0x5F5F5F5F5F5F5F5F) | (low + 0x0101010101010101)) & HighBits;
                int plain = System.Numerics.BitOperations.TrailingZeroCount(outside) >> 3; // 8 when none is outside
                System.Runtime.CompilerServices.Unsafe.WriteUnaligned(destination + written, word);
                int taken = Math.Min(plain, length - i);
                i += taken;
                written += taken;
                if (plain == sizeof(ulong) || i == length)
                    continue; // no character outside printable ASCII in this word
            }
            if ((i = DecodeOne(utf8, length, i, out byte b)) < 0)
                return -1;
            destination[written++] = b;
        }
        return written;
    }

    /// <summary>Decodes the character at <paramref name="i"/> into the byte it stands for; returns where the next starts, or -1 outside the alphabet.</summary>
    private static int DecodeOne(byte* utf8, int length, int i, out byte b)
    {
        int c = utf8[i];
        if (c >= 0x80)
        {
            if (c < 0xC2 || c >= 0xE0 || i + 1 >= length || (utf8[i + 1] & 0xC0) != 0x80)
            {
                b = 0;
                return -1;
            }
            c = ((c & 0x1F) << 6) | (utf8[++i] & 0x3F);
        }
        return ByteLevelAlphabet.TryByteOf(c, out b) ? i + 1 : -1;
    }
}

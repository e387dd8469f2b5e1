namespace Tessera.Training;

/// <summary>
/// Rising word indices stored as the gaps between them (the first counted from -1), 7 bits a byte, low bits first,
/// the high bit set on every byte but a gap's last (LEB128). The words a pair occurs in rise, and most of their gaps
/// fit in one byte: a list takes about a third of an int array's room.
/// </summary>
internal static class WordGaps
{
    /// <summary>The bytes a gap takes.</summary>
    public static int Size(int gap) => gap < 1 << 7 ? 1 : gap < 1 << 14 ? 2 : gap < 1 << 21 ? 3 : gap < 1 << 28 ? 4 : 5;

    /// <summary>Writes <paramref name="gap"/> at <paramref name="at"/> and returns where the next goes.</summary>
    public static int Write(byte[] to, int at, int gap)
    {
        uint rest = (uint)gap;
        for (; rest >= 0x80; rest >>= 7)
            to[at++] = (byte)(rest | 0x80);
        to[at++] = (byte)rest;
        return at;
    }

    /// <summary>The words of the gaps <paramref name="gaps"/>, in order.</summary>
    public ref struct Reader(ReadOnlySpan<byte> gaps)
    {
        private readonly ReadOnlySpan<byte> _gaps = gaps;
        private int _at;

        public int Current { get; private set; } = -1;

        public readonly Reader GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_at >= _gaps.Length)
                return false;
            int gap = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte b = _gaps[_at++];
                gap |= (b & 0x7F) << shift;
                if (b < 0x80)
                    break;
            }
            Current += gap;
            return true;
        }
    }
}

using System.Text;

namespace Tessera.Training;

/// <summary>
/// A sample of the training text's lines to measure a trained tokenizer on: the lines whose hash (<see cref="Hash"/>, of
/// the line's bytes without its line ending) is a multiple of <see cref="Every"/>, kept up to <paramref name="keepBytes"/>;
/// with <see cref="HeldOut"/> they are also left out of training. Chosen by content, not position, so the sample is the
/// same whatever the threads, the blocks or the order of the files; a line repeated is in it every time or never, and
/// blank lines (only spaces, tabs and line endings), too common to all go one way, never are.
/// </summary>
public sealed class LineSample(int every, bool heldOut, long keepBytes = 16L << 20)
{
    private readonly List<string> _kept = [];
    private long _keptBytes;

    /// <summary>One line in about this many is in the sample.</summary>
    public int Every { get; } = every >= 2 ? every : throw new ArgumentOutOfRangeException(nameof(every), every, "sample one line in at least 2");

    /// <summary>Whether the sample's lines are left out of training.</summary>
    public bool HeldOut { get; } = heldOut;

    /// <summary>How many lines fell in the sample.</summary>
    public long Lines { get; private set; }

    /// <summary>Their bytes, line endings included.</summary>
    public long Bytes { get; private set; }

    /// <summary>The lines kept (without their line endings), in ordinal order (an order that does not depend on the threads).</summary>
    public IReadOnlyList<string> Kept
    {
        get
        {
            lock (_kept)
                return [.. _kept.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Takes <paramref name="line"/> (with or without its line ending) into the sample if it belongs; true if it is to be left out of training.</summary>
    public bool Take(ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> text = WithoutLineEnding(line);
        if (text.Trim(" \t"u8).IsEmpty || Hash(text) % (ulong)Every != 0)
            return false;
        lock (_kept)
        {
            Lines++;
            Bytes += line.Length;
            if (_keptBytes + text.Length <= keepBytes)
            {
                _kept.Add(Encoding.UTF8.GetString(text));
                _keptBytes += text.Length;
            }
        }
        return HeldOut;
    }

    private static ReadOnlySpan<byte> WithoutLineEnding(ReadOnlySpan<byte> line)
    {
        if (line.EndsWith("\n"u8))
            line = line[..^1];
        if (line.EndsWith("\r"u8))
            line = line[..^1];
        return line;
    }

    /// <summary>
    /// A 64-bit hash of <paramref name="bytes"/>, the same on every machine: eight bytes at a time (little-endian) mixed
    /// in by xor, a multiply by an odd constant and a shift, the rest a byte at a time, then a final mix.
    /// </summary>
    public static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong Prime = 0x9E3779B97F4A7C15;
        ulong hash = ((ulong)bytes.Length + 1) * Prime;
        int i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
        {
            hash = (hash ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..])) * Prime;
            hash ^= hash >> 29;
        }
        for (; i < bytes.Length; i++)
            hash = (hash ^ bytes[i]) * Prime;
        hash ^= hash >> 32;
        hash *= Prime;
        return hash ^ (hash >> 29);
    }
}

using System.Buffers;
using Tessera.Internal;

namespace Tessera;

public sealed partial class TiktokenTokenizer
{
    private const int StackBytes = 1024;

    /// <summary>Encodes text to token ids.</summary>
    /// <param name="text">The text.</param>
    /// <param name="policy">What to do with special-token text; <see cref="SpecialTokenPolicy.Error"/> when null.</param>
    /// <exception cref="SpecialTokenException">The text contains a special token the policy does not allow.</exception>
    public int[] Encode(ReadOnlySpan<char> text, SpecialTokenPolicy? policy = null)
    {
        using var utf8 = new Utf8Text(text, stackalloc byte[StackBytes]);
        return EncodeCore(utf8.Bytes, policy, isUtf16: true);
    }

    /// <summary>Encodes text to token ids.</summary>
    /// <exception cref="SpecialTokenException">The text contains a special token the policy does not allow.</exception>
    public int[] Encode(string text, SpecialTokenPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Encode(text.AsSpan(), policy);
    }

    /// <summary>
    /// Encodes UTF-8 bytes to token ids. Bytes that are not valid UTF-8 are encoded as they are, each such byte
    /// pre-tokenized as a character of its own that is neither letter, digit nor space.
    /// </summary>
    /// <exception cref="SpecialTokenException">The text contains a special token the policy does not allow (index in bytes).</exception>
    public int[] EncodeUtf8(ReadOnlySpan<byte> utf8, SpecialTokenPolicy? policy = null) => EncodeCore(utf8, policy, isUtf16: false);

    /// <summary>Encodes UTF-8 bytes into <paramref name="destination"/> without allocating.</summary>
    /// <returns><see cref="OperationStatus.Done"/>, or <see cref="OperationStatus.DestinationTooSmall"/> with
    /// <paramref name="written"/> set to the number of ids that did fit.</returns>
    /// <exception cref="SpecialTokenException">The text contains a special token the policy does not allow.</exception>
    public OperationStatus EncodeUtf8(ReadOnlySpan<byte> utf8, Span<int> destination, out int written, SpecialTokenPolicy? policy = null)
    {
        var sink = new SpanWriterSink(destination);
        Check(_encoder.Encode(utf8, policy ?? SpecialTokenPolicy.Error, ref sink, out string? rejected), rejected, utf8, isUtf16: false);
        written = sink.Written;
        return sink.Overflowed ? OperationStatus.DestinationTooSmall : OperationStatus.Done;
    }

    /// <summary>Counts the tokens of <paramref name="text"/> without allocating.</summary>
    /// <exception cref="SpecialTokenException">The text contains a special token the policy does not allow.</exception>
    public int CountTokens(ReadOnlySpan<char> text, SpecialTokenPolicy? policy = null)
    {
        using var utf8 = new Utf8Text(text, stackalloc byte[StackBytes]);
        return Count(utf8.Bytes, policy, isUtf16: true);
    }

    /// <summary>Counts the tokens of <paramref name="text"/>.</summary>
    /// <exception cref="SpecialTokenException">The text contains a special token the policy does not allow.</exception>
    public int CountTokens(string text, SpecialTokenPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CountTokens(text.AsSpan(), policy);
    }

    /// <summary>Counts the tokens of UTF-8 bytes without allocating.</summary>
    /// <exception cref="SpecialTokenException">The text contains a special token the policy does not allow.</exception>
    public int CountTokensUtf8(ReadOnlySpan<byte> utf8, SpecialTokenPolicy? policy = null) => Count(utf8, policy, isUtf16: false);

    private int Count(ReadOnlySpan<byte> utf8, SpecialTokenPolicy? policy, bool isUtf16)
    {
        var sink = new CountSink();
        Check(_encoder.Encode(utf8, policy ?? SpecialTokenPolicy.Error, ref sink, out string? rejected), rejected, utf8, isUtf16);
        return sink.Count;
    }

    private int[] EncodeCore(ReadOnlySpan<byte> utf8, SpecialTokenPolicy? policy, bool isUtf16)
    {
        // English prose averages 4.5 bytes per token: a quarter of the bytes rarely needs a second buffer.
        var sink = new IdSink(stackalloc int[256], expected: utf8.Length / 4);
        try
        {
            Check(_encoder.Encode(utf8, policy ?? SpecialTokenPolicy.Error, ref sink, out string? rejected), rejected, utf8, isUtf16);
            return sink.ToArray();
        }
        finally
        {
            sink.Dispose();
        }
    }

    /// <summary>Throws for a special token the policy rejected at <paramref name="byteIndex"/> (-1: none).</summary>
    private static void Check(int byteIndex, string? rejected, ReadOnlySpan<byte> utf8, bool isUtf16)
    {
        if (byteIndex >= 0)
            ThrowHelper.ThrowDisallowedSpecial(rejected!, isUtf16 ? Utf8Text.CharIndexOf(utf8, byteIndex) : byteIndex);
    }
}

using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Tessera.Internal;

namespace Tessera;

public sealed partial class TiktokenTokenizer
{
    /// <summary>The bytes of the tokens, concatenated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is not in the vocabulary; the message names it.</exception>
    public byte[] DecodeBytes(ReadOnlySpan<int> ids)
    {
        byte[] bytes = LargeArrays.NewUninitialized<byte>(DecodedLength(ids));
        DecodeInto(ids, bytes);
        return bytes;
    }

    /// <summary>The text of the tokens; bytes that do not form valid UTF-8 become U+FFFD, as in tiktoken's <c>decode</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is not in the vocabulary; the message names it.</exception>
    public string Decode(ReadOnlySpan<int> ids)
    {
        int length = DecodedLength(ids);
        if (length < IdScratch.MinIds * sizeof(int))
        {
            byte[] rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                DecodeInto(ids, rented);
                return Encoding.UTF8.GetString(rented, 0, length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
        // A large text's bytes go through a kept native buffer rather than a fresh array (see IdScratch).
        NativeBlock scratch = IdScratch.Shared.Take((length + sizeof(int) - 1) / sizeof(int));
        try
        {
            Span<byte> bytes = MemoryMarshal.AsBytes(IdScratch.Ids(scratch))[..length];
            DecodeInto(ids, bytes);
            return Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            IdScratch.Shared.Give(scratch);
        }
    }

    private int DecodedLength(ReadOnlySpan<int> ids)
    {
        int length = 0;
        foreach (int id in ids)
            length = checked(length + GetTokenBytes(id).Length);
        return length;
    }

    private void DecodeInto(ReadOnlySpan<int> ids, Span<byte> bytes)
    {
        int at = 0;
        foreach (int id in ids)
        {
            ReadOnlySpan<byte> token = GetTokenBytes(id);
            token.CopyTo(bytes[at..]);
            at += token.Length;
        }
    }

    /// <summary>Decodes into <paramref name="destination"/> without allocating.</summary>
    /// <returns><see cref="OperationStatus.Done"/>; <see cref="OperationStatus.DestinationTooSmall"/> when a token did
    /// not fit (<paramref name="idsConsumed"/> tokens were written whole); <see cref="OperationStatus.InvalidData"/> at an
    /// unknown id (the id at index <paramref name="idsConsumed"/>).</returns>
    public OperationStatus DecodeUtf8(ReadOnlySpan<int> ids, Span<byte> destination, out int idsConsumed, out int bytesWritten)
    {
        idsConsumed = bytesWritten = 0;
        foreach (int id in ids)
        {
            if (!TryGetTokenBytes(id, out ReadOnlySpan<byte> token))
                return OperationStatus.InvalidData;
            if (!token.TryCopyTo(destination[bytesWritten..]))
                return OperationStatus.DestinationTooSmall;
            bytesWritten += token.Length;
            idsConsumed++;
        }
        return OperationStatus.Done;
    }

    /// <summary>The bytes of one token, ordinary or special.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is not in the vocabulary.</exception>
    public ReadOnlySpan<byte> GetTokenBytes(int id)
    {
        if (!TryGetTokenBytes(id, out ReadOnlySpan<byte> bytes))
            ThrowHelper.ThrowUnknownId(id);
        return bytes;
    }

    /// <summary>The bytes of one token, ordinary or special, or false when the id is not in the vocabulary.</summary>
    public bool TryGetTokenBytes(int id, out ReadOnlySpan<byte> bytes)
    {
        if (_encoder.Table.Contains(id))
        {
            bytes = _encoder.Table.BytesOf(id);
            return true;
        }
        if (_encoder.Specials.TryGetBytes(id, out byte[] special))
        {
            bytes = special;
            return true;
        }
        bytes = default;
        return false;
    }

    /// <summary>The id of the ordinary token whose bytes are <paramref name="tokenBytes"/>, or false.</summary>
    public bool TryGetTokenId(ReadOnlySpan<byte> tokenBytes, out int id)
    {
        id = _encoder.Table.RankOf(tokenBytes);
        return id >= 0;
    }

    /// <summary>The id of the ordinary token whose bytes are <paramref name="tokenBytes"/>.</summary>
    /// <exception cref="KeyNotFoundException">No token has these bytes.</exception>
    public int GetTokenId(ReadOnlySpan<byte> tokenBytes) =>
        TryGetTokenId(tokenBytes, out int id) ? id
            : throw new KeyNotFoundException($"No token of {Name} has the bytes {Convert.ToHexString(tokenBytes)}.");
}

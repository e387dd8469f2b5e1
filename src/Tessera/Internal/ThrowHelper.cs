using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Tessera;

/// <summary>Throws from hot paths without inlining the throw into them.</summary>
[StackTraceHidden]
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowMissingByte(byte b) =>
        throw new InvalidOperationException($"The vocabulary has no token for the single byte 0x{b:X2}, so this text cannot be encoded.");

    [DoesNotReturn]
    public static void ThrowUnknownId(int id) =>
        throw new ArgumentOutOfRangeException("ids", id, $"Token id {id} is not in the vocabulary.");

    [DoesNotReturn]
    public static void ThrowDisallowedSpecial(string token, int charIndex) =>
        throw new SpecialTokenException(token, charIndex);
}

using Tessera.Internal;

namespace Tessera.Normalizers;

/// <summary>
/// A normalizer that can also rewrite bare UTF-8, without alignments: the same text as
/// <see cref="INormalizer.Normalize"/> gives, for pipelines lowered to ids only.
/// </summary>
internal interface IBytesNormalizer
{
    /// <summary>Appends the normalized form of <paramref name="text"/> to <paramref name="output"/>.</summary>
    void NormalizeBytes(ReadOnlySpan<byte> text, ByteWriter output);
}

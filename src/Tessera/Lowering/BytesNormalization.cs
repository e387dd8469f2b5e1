using Tessera.Internal;
using Tessera.Normalizers;

namespace Tessera.Lowering;

/// <summary>A normalizer as a chain of bare-UTF-8 stages (<see cref="IBytesNormalizer"/>), for pipelines lowered to ids only.</summary>
internal sealed class BytesNormalization
{
    private readonly IBytesNormalizer[] _stages;

    private BytesNormalization(IBytesNormalizer[] stages) => _stages = stages;

    /// <summary>The stages of <paramref name="normalizer"/>, or null when one of its parts needs alignments to run.</summary>
    public static BytesNormalization? Of(INormalizer normalizer) => normalizer switch
    {
        IBytesNormalizer single => new([single]),
        SequenceNormalizer sequence when sequence.Normalizers.All(n => n is IBytesNormalizer) => new([.. sequence.Normalizers.Cast<IBytesNormalizer>()]),
        _ => null,
    };

    /// <summary>The normalized text, in one of the two buffers (each stage writes into the other).</summary>
    public ReadOnlySpan<byte> Apply(ReadOnlySpan<byte> text, ByteWriter first, ByteWriter second)
    {
        for (int i = 0; i < _stages.Length; i++)
        {
            ByteWriter output = i % 2 == 0 ? first : second;
            output.Clear();
            _stages[i].NormalizeBytes(text, output);
            text = output.WrittenSpan;
        }
        return text;
    }
}

using System.Text;
using Tessera.Internal;
using Tessera.Lowering;
using Tessera.Normalizers;
using Tessera.Tests.Conformance;
using Tessera.Text;

namespace Tessera.Tests.Normalizers;

/// <summary>
/// The bare-UTF-8 form of the normalizers that have one (<see cref="IBytesNormalizer"/>, used by lowered pipelines)
/// gives the same text as the form with alignments, which is checked against Hugging Face elsewhere.
/// </summary>
public sealed class BytesNormalizerTests
{
    public static TheoryData<string> Cases() => ["precompiled-nmt-nfkc", "precompiled-custom-rules", "unigram-t5", "norm-replace", "norm-prepend-replace"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void BareBytesGiveTheAlignedText(string name)
    {
        INormalizer normalizer = HuggingFaceGoldens.Load(name).Pipeline.Normalizer!;
        BytesNormalization stages = BytesNormalization.Of(normalizer) ?? throw new InvalidOperationException($"{name}: no bare-UTF-8 form");
        ByteWriter first = new(), second = new();
        int documents = 0;
        foreach (string input in GoldenFiles.InputNames())
        {
            foreach (string document in GoldenFiles.Documents(input).Take(300))
            {
                var aligned = new NormalizedString(document);
                normalizer.Normalize(aligned);
                byte[] bare = stages.Apply(Encoding.UTF8.GetBytes(document), first, second).ToArray();
                Assert.True(aligned.Normalized.SequenceEqual(bare), $"{name} {input}: {document}");
                documents++;
            }
        }
        Assert.True(documents > 1000);
    }
}

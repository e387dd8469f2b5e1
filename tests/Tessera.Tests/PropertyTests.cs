using FsCheck;
using FsCheck.Fluent;

namespace Tessera.Tests;

/// <summary>decode(encode(s)) == s for random strings, astral characters included, for every encoding.</summary>
public sealed class PropertyTests
{
    private static Arbitrary<string> Texts()
    {
        Gen<string> scalar = Gen.OneOf(
            Gen.Choose(0x20, 0x7E),
            Gen.Choose(0x00, 0x2FF),
            Gen.Choose(0x300, 0xD7FF),
            Gen.Choose(0xE000, 0xFFFF),
            Gen.Choose(0x10000, 0x10FFFF),
            Gen.Elements(0x1F600, 0x20000, 0x200D, 0xFEFF, 0x0301, 0x017F, (int)'\'', (int)'\n', (int)'\r', (int)' '))
            .Select(char.ConvertFromUtf32);
        return scalar.ListOf().Select(string.Concat).ToArbitrary();
    }

    [Theory]
    [MemberData(nameof(Conformance.TiktokenConformanceTests.Encodings), MemberType = typeof(Conformance.TiktokenConformanceTests))]
    public void DecodeOfEncodeIsIdentity(string encoding)
    {
        var tokenizer = TiktokenTokenizer.Get(encoding);
        Prop.ForAll(Texts(), text => tokenizer.Decode(tokenizer.Encode(text, SpecialTokenPolicy.Ordinary)) == text)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1500).WithQuietOnSuccess(true).WithEndSize(200));
    }

    [Theory]
    [MemberData(nameof(Conformance.TiktokenConformanceTests.Encodings), MemberType = typeof(Conformance.TiktokenConformanceTests))]
    public void CountEqualsEncodeLength(string encoding)
    {
        var tokenizer = TiktokenTokenizer.Get(encoding);
        Prop.ForAll(Texts(), text => tokenizer.CountTokens(text, SpecialTokenPolicy.Ordinary) == tokenizer.Encode(text, SpecialTokenPolicy.Ordinary).Length)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500).WithQuietOnSuccess(true));
    }
}

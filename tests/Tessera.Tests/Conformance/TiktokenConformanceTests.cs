using Tessera.Formats.Tiktoken;
using Tessera.Models.Bpe;

namespace Tessera.Tests.Conformance;

/// <summary>Ids identical to tiktoken's own output (golden files made by tests/goldens/make-goldens.mjs).</summary>
public sealed class TiktokenConformanceTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string encoding in TiktokenTokenizer.BuiltInNames)
            foreach (string input in GoldenFiles.InputNames())
                data.Add(encoding, input);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EncodeOrdinaryMatchesTiktoken(string encoding, string input) =>
        GoldenFiles.AssertEncodesLikeTiktoken(TiktokenTokenizer.Get(encoding), encoding, input, encoding);

    [Theory]
    [MemberData(nameof(Cases))]
    public void CountEqualsTiktokenLength(string encoding, string input)
    {
        var tokenizer = TiktokenTokenizer.Get(encoding);
        List<string> documents = GoldenFiles.Documents(input);
        List<int[]> expected = GoldenFiles.Ids(encoding, input + ".ids");
        for (int i = 0; i < documents.Count; i++)
            Assert.Equal(expected[i].Length, tokenizer.CountTokens(documents[i], SpecialTokenPolicy.Ordinary));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Utf8InputMatchesTiktoken(string encoding, string input)
    {
        var tokenizer = TiktokenTokenizer.Get(encoding);
        List<string> documents = GoldenFiles.Documents(input);
        List<int[]> expected = GoldenFiles.Ids(encoding, input + ".ids");
        for (int i = 0; i < documents.Count; i++)
        {
            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(documents[i]);
            GoldenFiles.AssertSameIds(expected[i], tokenizer.EncodeUtf8(utf8, SpecialTokenPolicy.Ordinary), $"{encoding} {input} #{i + 1} (UTF-8)", documents[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void AllowedSpecialTokensMatchTiktoken(string encoding)
    {
        var tokenizer = TiktokenTokenizer.Get(encoding);
        List<string> documents = GoldenFiles.Documents("special-tokens");
        List<int[]> expected = GoldenFiles.Ids(encoding, "special-tokens.special.ids");
        for (int i = 0; i < documents.Count; i++)
            GoldenFiles.AssertSameIds(expected[i], tokenizer.Encode(documents[i], SpecialTokenPolicy.AllowAll), $"{encoding} special #{i + 1}", documents[i]);
    }

    public static TheoryData<string> Encodings() => [.. TiktokenTokenizer.BuiltInNames];

    /// <summary>Pieces that are not tokens merge by the pair table once it is built, by their bytes before: both match tiktoken.</summary>
    [Theory]
    [MemberData(nameof(Encodings))]
    public void BothMergePathsMatchTiktoken(string encoding)
    {
        TiktokenDefinition definition = TiktokenDefinition.Find(encoding)!;
        foreach (bool byPairs in new[] { false, true })
        {
            RankTable table = Models.BuiltInTables.Built(definition);
            if (byPairs)
                table.BuildPairsNow();
            else
                table.DeclinePairs();
            TiktokenTokenizer tokenizer = TiktokenTokenizer.Over(definition, table);
            foreach (string input in GoldenFiles.InputNames())
                GoldenFiles.AssertEncodesLikeTiktoken(tokenizer, encoding, input, byPairs ? "merged by pairs" : "merged by bytes");
            Assert.Equal(byPairs, table.Pairs is not null);
        }
    }
}

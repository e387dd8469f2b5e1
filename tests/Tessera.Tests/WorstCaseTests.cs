using System.Text;

namespace Tessera.Tests;

/// <summary>
/// Inputs that make naive implementations quadratic or overflow the stack (tiktoken #245). The time limit is a
/// hang guard, far above the expected time, not a speed target (those are in bench/).
/// </summary>
public sealed class WorstCaseTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string encoding in TiktokenTokenizer.BuiltInNames)
        {
            data.Add(encoding, "x");
            data.Add(encoding, "^");
            data.Add(encoding, " ");
            data.Add(encoding, "ab");
            data.Add(encoding, "😀");
            data.Add(encoding, "\n ");
            data.Add(encoding, "1");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MillionFoldRepetitionEncodesAndRoundTrips(string encoding, string unit)
    {
        var tokenizer = TiktokenTokenizer.Get(encoding);
        string text = new StringBuilder().Insert(0, unit, 1_000_000 / unit.Length).ToString();
        int[] ids = await Task.Run(() => tokenizer.Encode(text, SpecialTokenPolicy.Ordinary)).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(text, tokenizer.Decode(ids));
        Assert.Equal(ids.Length, tokenizer.CountTokens(text, SpecialTokenPolicy.Ordinary));
    }
}

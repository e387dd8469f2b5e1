namespace Tessera.Tests.Formats;

/// <summary>tokenizer.json's "truncation" and "padding": read as Hugging Face reads them, malformed ones named.</summary>
public sealed class SettingsJsonTests
{
    private static Tokenizer Load(string settings) => Tokenizer.FromJson($$$"""
        {"version":"1.0",{{{settings}}},"model":{"type":"BPE","vocab":{"a":0},"merges":[]}}
        """);

    [Fact]
    public void ReadsTruncation()
    {
        TruncationSettings t = Load("""
            "truncation":{"direction":"Left","max_length":512,"strategy":"OnlySecond","stride":16}
            """).Truncation!;
        Assert.Equal((512, 16, TruncationStrategy.OnlySecond, TruncationDirection.Left), (t.MaxLength, t.Stride, t.Strategy, t.Direction));
        Assert.Equal(TruncationDirection.Right, Load("""
            "truncation":{"max_length":3,"strategy":"LongestFirst","stride":1}
            """).Truncation!.Direction);
    }

    [Fact]
    public void ReadsPadding()
    {
        PaddingSettings p = Load("""
            "padding":{"strategy":{"Fixed":7},"direction":"Left","pad_to_multiple_of":8,"pad_id":3,"pad_type_id":1,"pad_token":"<pad>"}
            """).Padding!;
        Assert.Equal((7, 8, PaddingDirection.Left, 3, 1, "<pad>"), (p.Length, p.PadToMultipleOf, p.Direction, p.PadId, p.PadTypeId, p.PadToken));
        Assert.Null(Load("""
            "padding":{"strategy":"BatchLongest","direction":"Right","pad_id":0,"pad_type_id":0,"pad_token":"[PAD]"}
            """).Padding!.Length);
        Assert.Null(Load("\"padding\":null").Padding);
    }

    [Theory]
    [InlineData("\"truncation\":{\"max_length\":3}", "missing field 'strategy'")]
    [InlineData("\"truncation\":{\"max_length\":3,\"strategy\":\"LongestFirst\"}", "missing field 'stride'")]
    [InlineData("\"truncation\":{\"strategy\":\"LongestFirst\",\"stride\":0}", "missing field 'max_length'")]
    [InlineData("\"truncation\":{\"max_length\":-3,\"strategy\":\"LongestFirst\",\"stride\":0}", "non-negative integer")]
    [InlineData("\"truncation\":{\"max_length\":3,\"strategy\":\"longest_first\",\"stride\":0}", "\"LongestFirst\", \"OnlyFirst\" or \"OnlySecond\"")]
    [InlineData("\"truncation\":{\"max_length\":3,\"strategy\":\"LongestFirst\",\"stride\":0,\"direction\":\"right\"}", "\"Left\" or \"Right\"")]
    [InlineData("\"padding\":{}", "missing field 'strategy'")]
    [InlineData("\"padding\":{\"strategy\":\"BatchLongest\"}", "missing field 'direction'")]
    [InlineData("\"padding\":{\"strategy\":\"BatchLongest\",\"direction\":\"Right\",\"pad_type_id\":0,\"pad_token\":\"x\"}", "missing field 'pad_id'")]
    [InlineData("\"padding\":{\"strategy\":\"BatchLongest\",\"direction\":\"Right\",\"pad_id\":1,\"pad_type_id\":0}", "missing field 'pad_token'")]
    [InlineData("\"padding\":{\"strategy\":\"Fixed\",\"direction\":\"Right\",\"pad_id\":0,\"pad_type_id\":0,\"pad_token\":\"x\"}", "\"BatchLongest\" or {\"Fixed\": length}")]
    [InlineData("\"padding\":{\"strategy\":{\"Fixed\":7},\"direction\":\"right\",\"pad_id\":0,\"pad_type_id\":0,\"pad_token\":\"x\"}", "\"Left\" or \"Right\"")]
    public void MalformedSettingsAreNamed(string settings, string problem)
    {
        var error = Assert.Throws<TokenizerFormatException>(() => Load(settings));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(settings.Contains("truncation", StringComparison.Ordinal) ? "$.truncation" : "$.padding", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WritesWhatHuggingFaceWrites()
    {
        Assert.Equal("""{"truncation":{"direction":"Right","max_length":3,"strategy":"LongestFirst","stride":0},"padding":{"strategy":{"Fixed":9},"direction":"Right","pad_to_multiple_of":4,"pad_id":0,"pad_type_id":0,"pad_token":"[PAD]"}}""",
            Write(new TruncationSettings(3), new PaddingSettings { Length = 9, PadToMultipleOf = 4 }));
        Assert.Equal("""{"truncation":null,"padding":{"strategy":"BatchLongest","direction":"Right","pad_to_multiple_of":null,"pad_id":0,"pad_type_id":0,"pad_token":"[PAD]"}}""",
            Write(null, new PaddingSettings()));
    }

    private static string Write(TruncationSettings? truncation, PaddingSettings? padding)
    {
        var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Tessera.Formats.HuggingFace.SettingsJson.WriteTruncation(writer, truncation);
            Tessera.Formats.HuggingFace.SettingsJson.WritePadding(writer, padding);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

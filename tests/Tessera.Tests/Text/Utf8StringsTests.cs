using System.Text;
using Tessera.Text;

namespace Tessera.Tests.Text;

/// <summary>The hand-written ASCII conversions give the base library's strings and bytes, and hand anything else to it.</summary>
public sealed class Utf8StringsTests
{
    public static TheoryData<string> Texts() => new()
    {
        "",
        "model",
        "Ġthe",
        "日本語",
        "a\u0000b",
        "\u007f\u0080",
        "😀 emoji",
        new string('x', 256),
        new string('x', 257),
        new string('x', 255) + "é",
        new string('y', 4000),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void DecodeGivesTheBaseLibrarysString(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);

        Assert.Equal(Encoding.UTF8.GetString(utf8), Utf8Strings.Decode(utf8));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void EncodeGivesTheBaseLibrarysBytes(string text)
    {
        int count = Utf8Strings.ByteCount(text);
        var utf8 = new byte[count];
        Utf8Strings.Encode(text, utf8);

        Assert.Equal(Encoding.UTF8.GetByteCount(text), count);
        Assert.Equal(Encoding.UTF8.GetBytes(text), utf8);
    }
}

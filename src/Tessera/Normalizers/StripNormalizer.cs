using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.PreTokenizers;
using Tessera.Text;

namespace Tessera.Normalizers;

/// <summary>
/// Removes leading and/or trailing whitespace, the White_Space property as Rust's <c>char::is_whitespace</c> (Hugging
/// Face's <c>Strip</c>). The trailing whitespace is charged to the last code point kept, so no kept code point's
/// alignment changes; text that is all whitespace becomes empty.
/// </summary>
internal sealed class StripNormalizer(bool left, bool right) : INormalizer
{
    public bool Left { get; } = left;

    public bool Right { get; } = right;

    public static StripNormalizer FromJson(JsonObject json) => new(json.Bool("strip_left"), json.Bool("strip_right"));

    public void Normalize(NormalizedString text)
    {
        List<int> codePoints = text.CodePoints();
        int count = codePoints.Count;
        int leading = 0, trailing = 0;
        if (Left)
            while (leading < count && CharClass.IsWhiteSpace(codePoints[leading]))
                leading++;
        if (Right)
            while (trailing < count - leading && CharClass.IsWhiteSpace(codePoints[count - 1 - trailing]))
                trailing++;
        if (leading == 0 && trailing == 0)
            return;
        var changes = new List<(int, int)>(count - leading - trailing);
        for (int i = leading; i < count - trailing; i++)
            changes.Add((codePoints[i], i == count - trailing - 1 ? -trailing : 0));
        text.Transform(changes, leading);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Strip");
        writer.WriteBoolean("strip_left", Left);
        writer.WriteBoolean("strip_right", Right);
        writer.WriteEndObject();
    }
}

using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Text;

namespace Tessera.PreTokenizers;

/// <summary>Splits on a literal or a regular expression, with a <see cref="SplitBehavior"/>, optionally inverted (the pattern's matches become the pieces' complement).</summary>
internal sealed class SplitPreTokenizer(PatternSource pattern, SplitBehavior behavior, bool invert) : IPreTokenizer
{
    private readonly Pattern _pattern = pattern.Compile();

    public PatternSource Pattern => pattern;
    public SplitBehavior Behavior => behavior;
    public bool Invert => invert;

    public static SplitPreTokenizer FromJson(JsonObject json) =>
        new(PatternJson.Read(json, "pattern").Source, SplitBehaviorJson.Read(json, "behavior"), json.RequiredBool("invert"));

    public void PreTokenize(PreTokenizedString text) => text.Split((_, piece) => piece.Split(_pattern, behavior, invert));

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Split");
        PatternJson.Write(writer, "pattern", pattern);
        writer.WriteString("behavior", behavior.ToString());
        writer.WriteBoolean("invert", invert);
        writer.WriteEndObject();
    }
}

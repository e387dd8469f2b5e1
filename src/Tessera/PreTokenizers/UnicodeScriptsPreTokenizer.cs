using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Text;

namespace Tessera.PreTokenizers;

/// <summary>
/// Splits where the script changes (<see cref="HuggingFaceChars.ScriptOf"/>: Unicode 9.0 scripts, kana counted as
/// Han). A space, or a code point the table lacks, belongs to no script: it joins the piece before it and never starts
/// one, so text before the first character with a script is dropped (Hugging Face's <c>UnicodeScripts</c>).
/// </summary>
internal sealed class UnicodeScriptsPreTokenizer : IPreTokenizer
{
    public static UnicodeScriptsPreTokenizer FromJson(JsonObject json) => new();

    public void PreTokenize(PreTokenizedString text) => text.Split((_, piece) => Split(piece));

    private static List<NormalizedString> Split(NormalizedString text)
    {
        ReadOnlySpan<byte> bytes = text.Normalized;
        var starts = new List<int>();
        int last = -1; // no script seen yet
        for (int i = 0; i < bytes.Length;)
        {
            int script = HuggingFaceChars.ScriptOf(Utf8Chars.Decode(bytes, i, out int length));
            if (script != HuggingFaceChars.AnyScript)
            {
                if (script != last)
                    starts.Add(i);
                last = script;
            }
            i += length;
        }
        starts.Add(bytes.Length);
        var pieces = new List<NormalizedString>(starts.Count - 1);
        for (int k = 0; k + 1 < starts.Count; k++)
            pieces.Add(text.Slice(starts[k], starts[k + 1]));
        return pieces;
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "UnicodeScripts");
        writer.WriteEndObject();
    }
}

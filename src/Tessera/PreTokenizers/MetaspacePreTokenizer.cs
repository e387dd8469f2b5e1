using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Text;

namespace Tessera.PreTokenizers;

/// <summary>When Metaspace puts its replacement character before a piece that does not start with one.</summary>
internal enum PrependScheme
{
    /// <summary>Before every piece.</summary>
    Always,
    /// <summary>Only before the piece that starts the input (original offset 0), so not after an added token.</summary>
    First,
    /// <summary>Never.</summary>
    Never,
}

/// <summary>
/// SentencePiece's word marking: every space becomes <see cref="Replacement"/> (▁ by default), the replacement is put
/// before the piece as <see cref="PrependScheme"/> says, and with <see cref="SplitOnReplacement"/> the text is cut
/// before each replacement (MergedWithNext). See docs/algorithms/hf-pre-tokenizers.md.
/// </summary>
internal sealed class MetaspacePreTokenizer(Rune replacement, PrependScheme prependScheme, bool split) : IPreTokenizer
{
    private readonly string _replacement = replacement.ToString();
    private readonly Pattern _marker = Pattern.CodePoints(c => c == replacement.Value);

    public Rune Replacement => replacement;
    public PrependScheme PrependScheme => prependScheme;
    public bool SplitOnReplacement => split;

    /// <summary>
    /// Reads the current form (<c>prepend_scheme</c>, <c>split</c>) and the legacy one (<c>add_prefix_space</c>, with
    /// <c>str_rep</c> ignored): <c>add_prefix_space: false</c> means <c>never</c> and contradicts any other declared
    /// scheme, as in Hugging Face.
    /// </summary>
    public static MetaspacePreTokenizer FromJson(JsonObject json)
    {
        Rune replacement = json.Char("replacement");
        json.RejectNull("prepend_scheme");
        PrependScheme scheme = json.OptionalString("prepend_scheme") switch
        {
            null or "always" => PrependScheme.Always,
            "first" => PrependScheme.First,
            "never" => PrependScheme.Never,
            _ => throw json.ErrorAt("prepend_scheme", "expected one of always, first, never"),
        };
        if (json.Has("add_prefix_space") && !json.Bool("add_prefix_space", true))
        {
            if (scheme != PrependScheme.Never)
                throw json.ErrorAt("add_prefix_space", "add_prefix_space false contradicts the declared prepend_scheme");
            scheme = PrependScheme.Never;
        }
        return new(replacement, scheme, json.Bool("split", true));
    }

    public void PreTokenize(PreTokenizedString text) => text.Split((_, piece) =>
    {
        ReplaceSpaces(piece);
        if (prependScheme == PrependScheme.Always || (prependScheme == PrependScheme.First && piece.OriginalShift == 0))
        {
            if (!StartsWithReplacement(piece))
                piece.Prepend(_replacement);
        }
        return split ? piece.Split(_marker, SplitBehavior.MergedWithNext) : [piece];
    });

    /// <summary>
    /// Every space becomes the replacement, aligned to the space: what Hugging Face's <c>replace(' ', ...)</c> gives,
    /// in one transform of the piece rather than one per space.
    /// </summary>
    private void ReplaceSpaces(NormalizedString text)
    {
        if (text.Normalized.IndexOf((byte)' ') < 0)
            return;
        List<int> codePoints = text.CodePoints();
        var changes = new List<(int, int)>(codePoints.Count);
        foreach (int c in codePoints)
            changes.Add((c == ' ' ? replacement.Value : c, 0));
        text.Transform(changes, 0);
    }

    private bool StartsWithReplacement(NormalizedString text) =>
        !text.IsEmpty && Utf8Chars.Decode(text.Normalized, 0, out _) == replacement.Value;

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Metaspace");
        writer.WriteString("replacement", _replacement);
        writer.WriteString("prepend_scheme", prependScheme.ToString().ToLowerInvariant());
        writer.WriteBoolean("split", split);
        writer.WriteEndObject();
    }
}

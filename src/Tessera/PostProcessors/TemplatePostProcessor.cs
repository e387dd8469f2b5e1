using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.Formats.Json;

namespace Tessera.PostProcessors;

/// <summary>One piece of a template: an input (<c>$A</c>, <c>$B</c>) or a special token, with the type id it gets.</summary>
internal readonly record struct TemplatePiece(bool IsSequence, string Id, int TypeId)
{
    /// <summary>The input a sequence piece takes: 0 for A, 1 for B.</summary>
    public int Input => Id == "A" ? 0 : 1;
}

/// <summary>A special token of a template: one or more ids with their strings.</summary>
internal sealed record TemplateSpecialToken(string Id, IReadOnlyList<int> Ids, IReadOnlyList<string> Tokens);

/// <summary>
/// Hugging Face's <c>TemplateProcessing</c>: the encoding is the template's pieces in order, the inputs given the
/// template's type ids and special tokens (when added) their own (<c>&lt;bos&gt; $A</c>, <c>[CLS] $A [SEP] $B:1 [SEP]:1</c>).
/// </summary>
internal sealed class TemplatePostProcessor : IPostProcessor
{
    private readonly IReadOnlyList<TemplatePiece> _single, _pair;
    // A plain dictionary, sorted when written: a SortedDictionary is generic code of the base library that a first
    // load compiled (nine methods).
    private readonly Dictionary<string, TemplateSpecialToken> _specialTokens;

    public TemplatePostProcessor(IReadOnlyList<TemplatePiece> single, IReadOnlyList<TemplatePiece> pair, IEnumerable<TemplateSpecialToken> specialTokens)
    {
        _single = single;
        _pair = pair;
        _specialTokens = new(StringComparer.Ordinal);
        foreach (TemplateSpecialToken token in specialTokens)
            _specialTokens[token.Id] = token;
    }

    /// <summary>
    /// Reads <c>{"single": [piece...], "pair": [piece...], "special_tokens": {name: {"id", "ids", "tokens"}}}</c>, a
    /// piece being <c>{"Sequence": {"id": "A"|"B", "type_id"}}</c> or <c>{"SpecialToken": {"id", "type_id"}}</c>. The
    /// <c>"type"</c> is not checked, as Hugging Face does not. A special token whose ids and strings differ in number,
    /// or a piece naming a special token the map lacks, is rejected (Hugging Face loads these and fails when encoding).
    /// </summary>
    public static TemplatePostProcessor FromJson(JsonObject json)
    {
        var specialTokens = new List<TemplateSpecialToken>();
        JsonObject map = json.Object("special_tokens");
        foreach (JsonMember property in map.Element.EnumerateObject())
        {
            var entry = new JsonObject(property.Value, json.File, $"{map.Path}.{property.Name}");
            var ids = new List<int>(); // a loop, not LINQ over tuples: that is compiled at first use, not ahead of time
            foreach (JsonItem item in entry.Array("ids"))
            {
                ids.Add(item.Element.ValueKind == JsonKind.Number && item.Element.TryGetInt32(out int id) && id >= 0
                    ? id : throw new TokenizerFormatException(json.File, 0, JsonObject.Quote(item.Element), $"{item.Path}: expected a non-negative integer"));
            }
            List<string> tokens = entry.Strings("tokens");
            if (ids.Count != tokens.Count)
                throw entry.Error($"'ids' has {ids.Count} ids but 'tokens' has {tokens.Count} strings");
            specialTokens.Add(new TemplateSpecialToken(property.Name, ids, tokens));
            _ = entry.String("id");
        }
        var names = specialTokens.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        return new TemplatePostProcessor(ReadTemplate(json, "single", names), ReadTemplate(json, "pair", names), specialTokens);
    }

    private static List<TemplatePiece> ReadTemplate(JsonObject json, string name, HashSet<string> specialTokens) =>
        json.Objects(name, item => ReadPiece(item, specialTokens));

    private static TemplatePiece ReadPiece(JsonObject item, HashSet<string> specialTokens)
    {
        bool isSequence = item.Has("Sequence");
        if (isSequence == item.Has("SpecialToken") || item.Element.GetPropertyCount() != 1)
            throw item.Error("expected {\"Sequence\": ...} or {\"SpecialToken\": ...}");
        JsonObject piece = item.Object(isSequence ? "Sequence" : "SpecialToken");
        string id = piece.String("id");
        if (isSequence && id is not ("A" or "B"))
            throw piece.ErrorAt("id", "expected \"A\" or \"B\"");
        if (!isSequence && !specialTokens.Contains(id))
            throw piece.ErrorAt("id", "no such special token in 'special_tokens'");
        return new TemplatePiece(isSequence, id, piece.Count("type_id"));
    }

    public int AddedTokens(bool isPair) =>
        (isPair ? _pair : _single).Where(p => !p.IsSequence).Sum(p => _specialTokens[p.Id].Ids.Count);

    public List<TokenEncoding> ProcessEncodings(List<TokenEncoding> encodings, bool addSpecialTokens)
    {
        IReadOnlyList<TemplatePiece> template = encodings.Count switch
        {
            1 => _single,
            2 => _pair,
            _ => throw new InvalidOperationException($"A template post-processor takes one or two encodings, not {encodings.Count} (another post-processor before it split them)."),
        };
        var result = new List<TokenEncoding>(template.Count);
        foreach (TemplatePiece piece in template)
        {
            if (piece.IsSequence)
            {
                if (piece.Input >= encodings.Count)
                    throw new InvalidOperationException($"The template for a single text uses ${piece.Id}, which needs a pair of texts.");
                TokenEncoding encoding = encodings[piece.Input];
                encoding.SetTypeIds(piece.TypeId);
                encoding.SetSequenceId(piece.Input);
                result.Add(encoding.Clone());
            }
            else if (addSpecialTokens)
            {
                TemplateSpecialToken token = _specialTokens[piece.Id];
                result.Add(TokenEncoding.OfSpecialTokens(token.Ids, token.Tokens, piece.TypeId));
            }
        }
        return result;
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "TemplateProcessing");
        WriteTemplate(writer, "single", _single);
        WriteTemplate(writer, "pair", _pair);
        writer.WriteStartObject("special_tokens");
        var names = new List<string>(_specialTokens.Keys);
        names.Sort(StringComparer.Ordinal);
        foreach (string name in names)
        {
            TemplateSpecialToken token = _specialTokens[name];
            writer.WriteStartObject(name);
            writer.WriteString("id", token.Id);
            writer.WriteStartArray("ids");
            foreach (int id in token.Ids)
                writer.WriteNumberValue(id);
            writer.WriteEndArray();
            writer.WriteStartArray("tokens");
            foreach (string text in token.Tokens)
                writer.WriteStringValue(text);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteTemplate(Utf8JsonWriter writer, string name, IReadOnlyList<TemplatePiece> pieces)
    {
        writer.WriteStartArray(name);
        foreach (TemplatePiece piece in pieces)
        {
            writer.WriteStartObject();
            writer.WriteStartObject(piece.IsSequence ? "Sequence" : "SpecialToken");
            writer.WriteString("id", piece.Id);
            writer.WriteNumber("type_id", piece.TypeId);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}

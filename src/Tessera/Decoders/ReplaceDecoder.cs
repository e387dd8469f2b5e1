using System.Text;
using System.Text.Json;
using Tessera.Formats.HuggingFace;
using Tessera.PreTokenizers.Regex;
using Tessera.Text;

namespace Tessera.Decoders;

/// <summary>
/// Replaces every match of a literal or a regular expression in each token (Llama's decoder turns ▁ back into a
/// space). Matches are found as Hugging Face finds them with Oniguruma: a literal is a regular expression of its own
/// text, empty matches count (an empty pattern matches before every character and at the end), except an empty match
/// right where the previous match ended.
/// </summary>
internal sealed class ReplaceDecoder : IDecoder
{
    private readonly PatternSource _pattern;
    private readonly string _content;
    private readonly byte[] _literal;
    private readonly CodePointRegex? _regex;

    public ReplaceDecoder(PatternSource pattern, string content)
    {
        _pattern = pattern;
        _content = content;
        _literal = pattern.IsRegex ? [] : Encoding.UTF8.GetBytes(pattern.Text);
        _regex = pattern.IsRegex ? CodePointRegex.Parse(pattern.Text) : null;
    }

    /// <summary>Reads <c>{"type": "Replace", "pattern": {"String" | "Regex": ...}, "content"}</c>.</summary>
    public static ReplaceDecoder FromJson(JsonObject json) => new(PatternJson.Read(json, "pattern").Source, json.String("content"));

    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        foreach (string token in tokens)
            result.Add(ReplaceIn(token));
        return result;
    }

    private string ReplaceIn(string token)
    {
        if (token.Length == 0)
            return token;
        byte[] text = Encoding.UTF8.GetBytes(token);
        List<(int Start, int End)> matches = Matches(text);
        if (matches.Count == 0)
            return token;
        var result = new StringBuilder(token.Length);
        int previous = 0;
        foreach ((int start, int end) in matches)
        {
            result.Append(Encoding.UTF8.GetString(text, previous, start - previous)).Append(_content);
            previous = end;
        }
        return result.Append(Encoding.UTF8.GetString(text, previous, text.Length - previous)).ToString();
    }

    /// <summary>The matches in order, as Oniguruma's find iterator gives them.</summary>
    private List<(int, int)> Matches(byte[] text)
    {
        var matches = new List<(int, int)>();
        if (_regex is null && _literal.Length > 0)
        {
            for (int at = 0; ;)
            {
                int found = text.AsSpan(at).IndexOf(_literal);
                if (found < 0)
                    return matches;
                matches.Add((at + found, at + found + _literal.Length));
                at += found + _literal.Length;
            }
        }
        int searchFrom = 0, lastMatchEnd = -1;
        while (searchFrom <= text.Length)
        {
            int start, end;
            if (_regex is null)
                (start, end) = (searchFrom, searchFrom); // the empty literal matches everywhere
            else if (!_regex.TryMatch(text, searchFrom, out start, out end))
                break;
            if (start == end && end == lastMatchEnd)
            {
                searchFrom += searchFrom < text.Length ? Utf8Chars.LengthAt(text, searchFrom) : 1;
                continue;
            }
            matches.Add((start, end));
            searchFrom = lastMatchEnd = end;
        }
        return matches;
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Replace");
        PatternJson.Write(writer, "pattern", _pattern);
        writer.WriteString("content", _content);
        writer.WriteEndObject();
    }
}

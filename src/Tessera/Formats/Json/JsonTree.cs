namespace Tessera.Formats.Json;

/// <summary>
/// One JSON value read into rows over its bytes, as <c>System.Text.Json.JsonDocument</c> does, without its set-up:
/// the first JSON document of a process cost a fresh load about 20 ms (its generic code compiled at first use, and its
/// pools), more than reading Llama 3's whole vocabulary. A tokenizer.json's small parts (normalizer, pre-tokenizer,
/// the model's options) and the models read through <see cref="JsonNode"/> come in as trees.
/// </summary>
/// <remarks>
/// Rows are in document order. A container's row is followed by its contents: an object's members as a name row and
/// the value's rows; <see cref="Row.End"/> is the row after the container's last. Strings and numbers are kept as
/// their bytes and read when asked for, with <c>System.Text.Json</c>'s answers (<see cref="JsonNode"/>).
/// </remarks>
internal sealed class JsonTree
{
    internal struct Row
    {
        public int Start;    // the value's first byte in Text (a string's opening quote)
        public int Length;   // its bytes, quotes and brackets included
        public int End;      // the row after this value's last
        public int Items;    // an object's members or an array's elements
        public JsonKind Kind;
        public bool Escaped; // a string or name holding a backslash escape
    }

    internal readonly byte[] Text;
    internal readonly Row[] Rows;

    internal JsonTree(byte[] text, Row[] rows)
    {
        Text = text;
        Rows = rows;
    }

    /// <summary>The value the tree holds.</summary>
    public JsonNode Root => new(this, 0);

    /// <summary>
    /// The value <paramref name="utf8"/> holds (one JSON value, white space around it allowed), or null when it is
    /// not JSON as <c>System.Text.Json</c> reads it with a maximum depth of 256 (the caller then reads it with that
    /// reader, which says what is wrong and where). The bytes are copied.
    /// </summary>
    public static JsonTree? TryParse(ReadOnlySpan<byte> utf8) => JsonTreeParser.TryParse(utf8);
}

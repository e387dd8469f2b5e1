namespace Tessera.Formats.Json;

/// <summary>What a <see cref="JsonNode"/> is (the names of <c>System.Text.Json.JsonValueKind</c>, whose meaning they have).</summary>
internal enum JsonKind : byte
{
    Undefined,
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
    /// <summary>A member's name (a row of the tree, never a node's kind).</summary>
    Name,
}

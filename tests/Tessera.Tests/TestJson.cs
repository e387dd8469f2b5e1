using System.Text;
using System.Text.Json;
using Tessera.Formats.Json;

namespace Tessera.Tests;

/// <summary>JSON written in a test, or read with System.Text.Json, as the library's JSON tree reads it.</summary>
internal static class TestJson
{
    public static JsonNode Node(string json) =>
        JsonTree.TryParse(Encoding.UTF8.GetBytes(json))?.Root ?? throw new ArgumentException($"not JSON the tree reads: {json}");

    public static JsonNode Node(JsonElement element) => Node(element.GetRawText());
}

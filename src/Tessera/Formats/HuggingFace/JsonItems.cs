using Tessera.Formats.Json;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// The elements of a JSON array with their JSON paths (<c>$.model.merges[3]</c>), for error messages. A struct
/// enumerator, not an iterator method: generic code over the library's own value types is compiled at first use.
/// </summary>
internal readonly struct JsonItems(JsonNode array, string path)
{
    public Enumerator GetEnumerator() => new(array.EnumerateArray(), path);

    public struct Enumerator(JsonNode.ArrayEnumerator items, string path)
    {
        private JsonNode.ArrayEnumerator _items = items;
        private int _index = -1;

        public readonly JsonItem Current => new(_items.Current, path, _index);

        public bool MoveNext()
        {
            _index++;
            return _items.MoveNext();
        }
    }
}

/// <summary>An element of a JSON array and its JSON path (made when asked for: most elements never need it).</summary>
internal readonly struct JsonItem(JsonNode element, string arrayPath, int index)
{
    public JsonNode Element => element;

    public string Path => $"{arrayPath}[{index}]";
}

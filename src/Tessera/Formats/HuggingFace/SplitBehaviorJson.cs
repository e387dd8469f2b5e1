using Tessera.Text;

namespace Tessera.Formats.HuggingFace;

/// <summary>tokenizer.json's split behaviour names.</summary>
internal static class SplitBehaviorJson
{
    public static SplitBehavior Read(JsonObject json, string name)
    {
        // A switch, not Enum.TryParse: its generic code is compiled at every process's first load.
        return json.String(name) switch
        {
            nameof(SplitBehavior.Removed) => SplitBehavior.Removed,
            nameof(SplitBehavior.Isolated) => SplitBehavior.Isolated,
            nameof(SplitBehavior.MergedWithPrevious) => SplitBehavior.MergedWithPrevious,
            nameof(SplitBehavior.MergedWithNext) => SplitBehavior.MergedWithNext,
            nameof(SplitBehavior.Contiguous) => SplitBehavior.Contiguous,
            _ => throw json.ErrorAt(name, $"expected one of {string.Join(", ", Enum.GetNames<SplitBehavior>())}"),
        };
    }
}

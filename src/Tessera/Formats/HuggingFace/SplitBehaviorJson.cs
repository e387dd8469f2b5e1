using Tessera.Text;

namespace Tessera.Formats.HuggingFace;

/// <summary>tokenizer.json's split behaviour names.</summary>
internal static class SplitBehaviorJson
{
    public static SplitBehavior Read(JsonObject json, string name)
    {
        string value = json.String(name);
        return Enum.TryParse(value, ignoreCase: false, out SplitBehavior behavior) && Enum.IsDefined(behavior)
            ? behavior
            : throw json.ErrorAt(name, $"expected one of {string.Join(", ", Enum.GetNames<SplitBehavior>())}");
    }
}

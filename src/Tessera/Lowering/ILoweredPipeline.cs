namespace Tessera.Lowering;

/// <summary>A tokenizer.json pipeline lowered to a loop that gives its ids (no offsets), the same ids as the general pipeline.</summary>
internal interface ILoweredPipeline
{
    /// <summary>The ids of <paramref name="text"/>, nothing added by the post-processor; special added tokens match only when <paramref name="matchSpecial"/>.</summary>
    int[] EncodeToIds(string text, bool matchSpecial);
}

namespace Tessera.Models.Bpe;

/// <summary>One merge of a BPE model by ids: the pair (<see cref="Left"/>, <see cref="Right"/>) makes <see cref="Made"/>.</summary>
internal readonly record struct MergeTriple(int Left, int Right, int Made);

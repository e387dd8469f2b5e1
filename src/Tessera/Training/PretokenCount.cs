namespace Tessera.Training;

/// <summary>One pre-token, how many times it was seen, and how many of those ended a line (SentencePiece words; else 0).</summary>
public readonly record struct PretokenCount(string Pretoken, long Count, long LineEnds);

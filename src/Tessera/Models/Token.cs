namespace Tessera.Models;

/// <summary>A token a model produced for a piece: its id and the normalized bytes [Start, End) of the piece it covers.</summary>
internal readonly record struct Token(int Id, int Start, int End);

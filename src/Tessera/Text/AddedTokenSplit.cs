namespace Tessera.Text;

/// <summary>
/// A piece of text cut at the added tokens (<see cref="AddedVocabulary"/>): bytes <see cref="Start"/> to
/// <see cref="End"/>, an added token's <see cref="Id"/>, or -1 for the text between tokens.
/// </summary>
/// <remarks>A type of the library's own rather than a tuple: its list is then compiled ahead of time (ReadyToRun), not at first use.</remarks>
internal readonly record struct AddedTokenSplit(int Id, int Start, int End);

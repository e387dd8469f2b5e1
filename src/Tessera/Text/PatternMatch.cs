namespace Tessera.Text;

/// <summary>
/// A range of a text a <see cref="Pattern"/> covers: bytes <see cref="Start"/> to <see cref="End"/>, a match or the
/// text between matches.
/// </summary>
/// <remarks>A type of the library's own rather than a tuple: its list is then compiled ahead of time (ReadyToRun), not at first use.</remarks>
internal readonly record struct PatternMatch(int Start, int End, bool IsMatch);

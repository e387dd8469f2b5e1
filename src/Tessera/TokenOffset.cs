namespace Tessera;

/// <summary>
/// One token with the part of the input it covers. Ranges are half-open: <c>[Start, End)</c>.
/// </summary>
/// <remarks>
/// A byte-level token can start or end inside a multi-byte character. The byte range is exact; the character
/// range is widened to whole characters (UTF-16 code units; an astral character is two), so neighbouring tokens
/// that share a character both cover it, as Hugging Face's offsets do.
/// </remarks>
/// <param name="Id">The token id.</param>
/// <param name="CharStart">Index of the first UTF-16 code unit covered.</param>
/// <param name="CharEnd">Index just past the last UTF-16 code unit covered.</param>
/// <param name="ByteStart">Index of the first UTF-8 byte covered.</param>
/// <param name="ByteEnd">Index just past the last UTF-8 byte covered.</param>
public readonly record struct TokenOffset(int Id, int CharStart, int CharEnd, int ByteStart, int ByteEnd);

using System.Text;

namespace Tessera.Formats.Tiktoken;

/// <summary>Writes token bytes by rank in the <c>.tiktoken</c> format (ascending rank, LF line ends), as tiktoken's files are.</summary>
internal static class TiktokenFileWriter
{
    public static byte[] ToBytes(IReadOnlyList<byte[]?> tokensByRank)
    {
        var text = new StringBuilder();
        for (int rank = 0; rank < tokensByRank.Count; rank++)
        {
            if (tokensByRank[rank] is not { } token) continue;
            text.Append(Convert.ToBase64String(token)).Append(' ').Append(rank).Append('\n');
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}

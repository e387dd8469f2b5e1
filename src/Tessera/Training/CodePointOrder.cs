using System.Text;

namespace Tessera.Training;

/// <summary>Orders strings by code point, as Rust orders them (by UTF-8 bytes) and SentencePiece (by UTF-8 bytes); .NET's ordinal order is by UTF-16 unit.</summary>
internal static class CodePointOrder
{
    public static int Compare(string x, string y)
    {
        StringRuneEnumerator a = x.EnumerateRunes(), b = y.EnumerateRunes();
        while (true)
        {
            bool moreA = a.MoveNext(), moreB = b.MoveNext();
            if (!moreA || !moreB)
                return moreA.CompareTo(moreB);
            int compared = a.Current.Value.CompareTo(b.Current.Value);
            if (compared != 0)
                return compared;
        }
    }
}

using System.Text;
using Tessera.Formats.SentencePiece;

namespace Tessera.Models.SentencePiece;

/// <summary>
/// The pieces of a SentencePiece model as <c>ModelInterface::InitializePieces</c> sees them: NORMAL, USER_DEFINED and
/// UNUSED pieces in a trie (what the encoders match), UNKNOWN, CONTROL and BYTE pieces in a reserved map (which
/// <c>PieceToId</c> consults first), the user-defined symbols as a prefix matcher, and the checks SentencePiece makes on
/// load. Immutable.
/// </summary>
internal sealed class SentencePieceVocabulary
{
    private readonly byte[][] _pieces;
    private readonly PieceType[] _types;
    private readonly float[] _scores;
    private readonly PieceTrie _reserved;
    private readonly int[] _byteIds = new int[256];
    private string?[]? _strings;

    /// <summary>Builds the vocabulary, checking what SentencePiece checks.</summary>
    /// <exception cref="TokenizerFormatException">A piece is empty or defined twice, there is no (or more than one)
    /// unknown piece, or the byte pieces disagree with <c>byte_fallback</c>.</exception>
    public SentencePieceVocabulary(ModelProto model, string file)
    {
        List<ModelPiece> pieces = model.Pieces;
        int count = pieces.Count;
        if (count == 0)
            throw ProtoReader.Error(file, 0, "the model has no pieces");
        _pieces = new byte[count][];
        _types = new PieceType[count];
        _scores = new float[count];
        var normal = new List<(byte[], int)>(count);
        var reserved = new List<(byte[], int)>();
        var userDefined = new List<(byte[], int)>();
        var seenNormal = new HashSet<string>(StringComparer.Ordinal);
        var seenReserved = new HashSet<string>(StringComparer.Ordinal);
        bool byteFallback = model.TrainerSpec.ByteFallback;
        _byteIds.AsSpan().Fill(-1);
        UnkId = -1;
        for (int id = 0; id < count; id++)
        {
            ModelPiece piece = pieces[id];
            _pieces[id] = piece.Utf8;
            _types[id] = piece.Type;
            _scores[id] = piece.Score;
            if (piece.Utf8.Length == 0)
                throw ProtoReader.Error(file, piece.Offset, $"piece {id} is empty (pieces must not be empty)");
            bool isNormal = piece.Type is PieceType.Normal or PieceType.UserDefined or PieceType.Unused;
            if (!(isNormal ? seenNormal : seenReserved).Add(Latin1(piece.Utf8)))
                throw ProtoReader.Error(file, piece.Offset, $"{Where(id, piece)} is already defined");
            (isNormal ? normal : reserved).Add((piece.Utf8, id));
            if (piece.Type == PieceType.UserDefined)
                userDefined.Add((piece.Utf8, id));
            if (piece.Type == PieceType.Unknown)
            {
                if (UnkId >= 0)
                    throw ProtoReader.Error(file, piece.Offset, $"{Where(id, piece)}: a second unknown piece (the first is {UnkId})");
                UnkId = id;
            }
            if (piece.Type == PieceType.Byte)
            {
                if (!byteFallback)
                    throw ProtoReader.Error(file, piece.Offset, $"{Where(id, piece)} is a byte piece although byte_fallback is false");
                int b = ByteOfPiece(piece.Utf8);
                if (b < 0)
                    throw ProtoReader.Error(file, piece.Offset, $"{Where(id, piece)} is not a valid byte piece (<0x00> to <0xFF>)");
                _byteIds[b] = id;
            }
        }
        if (UnkId < 0)
            throw ProtoReader.Error(file, 0, "the model has no unknown piece (type UNKNOWN)");
        if (byteFallback && Array.IndexOf(_byteIds, -1) >= 0)
            throw ProtoReader.Error(file, 0, $"byte_fallback is true but there is no byte piece for 0x{Array.IndexOf(_byteIds, -1):X2} (256 are needed)");

        Trie = PieceTrie.Build(normal);
        _reserved = PieceTrie.Build(reserved);
        UserDefined = userDefined.Count > 0 ? PieceTrie.Build(userDefined) : null;
        HasUnused = Array.IndexOf(_types, PieceType.Unused) >= 0;
        // A NORMAL piece that a reserved piece shadows (PieceToId looks in the reserved map first).
        foreach ((byte[] key, int id) in normal)
            if (_reserved.ExactMatch(key) >= 0)
                (Shadowed ??= [])[id] = _reserved.ExactMatch(key);
        MinScore = float.MaxValue;
        MaxScore = 1.17549435E-38f; // FLT_MIN, where the C++ starts: the smallest positive normal float
        for (int id = 0; id < count; id++)
        {
            if (_types[id] == PieceType.Normal)
            {
                MinScore = Math.Min(MinScore, _scores[id]);
                MaxScore = Math.Max(MaxScore, _scores[id]);
            }
        }
    }

    /// <summary>The number of pieces.</summary>
    public int Count => _pieces.Length;

    /// <summary>The id of the unknown piece.</summary>
    public int UnkId { get; }

    /// <summary>NORMAL, USER_DEFINED and UNUSED pieces to their ids.</summary>
    public PieceTrie Trie { get; }

    /// <summary>The user-defined symbols (SentencePiece's <c>PrefixMatcher</c>), or null when there are none.</summary>
    public PieceTrie? UserDefined { get; }

    /// <summary>Whether some piece is UNUSED.</summary>
    public bool HasUnused { get; }

    /// <summary>Trie ids whose piece is also a reserved piece, to the reserved id; null when none (the usual case).</summary>
    public Dictionary<int, int>? Shadowed { get; }

    /// <summary>The smallest score of a NORMAL piece.</summary>
    public float MinScore { get; }

    /// <summary>The largest score of a NORMAL piece, at least FLT_MIN (as SentencePiece starts from it).</summary>
    public float MaxScore { get; }

    public ReadOnlySpan<byte> Piece(int id) => _pieces[id];

    public PieceType TypeOf(int id) => _types[id];

    public float ScoreOf(int id) => _scores[id];

    /// <summary>The id of byte piece <c>&lt;0xXX&gt;</c> (with byte_fallback), or -1.</summary>
    public int ByteId(byte b) => _byteIds[b];

    /// <summary>The types, indexed by id, for hot loops.</summary>
    public PieceType[] Types => _types;

    /// <summary>The scores, indexed by id, for hot loops.</summary>
    public float[] Scores => _scores;

    /// <summary><c>ModelInterface::PieceToId</c>: reserved pieces first, then the others, else the unknown id.</summary>
    public int PieceToId(ReadOnlySpan<byte> piece)
    {
        int id = _reserved.ExactMatch(piece);
        if (id >= 0)
            return id;
        id = Trie.ExactMatch(piece);
        return id >= 0 ? id : UnkId;
    }

    /// <summary>The id a merged symbol gets: its trie id unless a reserved piece shadows it.</summary>
    public int ResolveTrieId(int id) => Shadowed is { } shadowed && shadowed.TryGetValue(id, out int reserved) ? reserved : id;

    /// <summary>The piece as a string (UTF-8 decoded; malformed bytes become U+FFFD).</summary>
    public string PieceString(int id)
    {
        _strings ??= new string?[_pieces.Length];
        return _strings[id] ??= Encoding.UTF8.GetString(_pieces[id]);
    }

    /// <summary>The value of a byte piece <c>&lt;0xXX&gt;</c> (two upper-case hex digits), or -1.</summary>
    public static int ByteOfPiece(ReadOnlySpan<byte> piece)
    {
        if (piece.Length != 6 || piece[0] != (byte)'<' || piece[1] != (byte)'0' || piece[2] != (byte)'x' || piece[5] != (byte)'>')
            return -1;
        int hi = Hex(piece[3]), lo = Hex(piece[4]);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;

        static int Hex(byte c) => c is >= (byte)'0' and <= (byte)'9' ? c - '0' : c is >= (byte)'A' and <= (byte)'F' ? c - 'A' + 10 : -1;
    }

    private static string Where(int id, ModelPiece piece) => $"piece {id} '{Encoding.UTF8.GetString(piece.Utf8)}'";

    private static string Latin1(byte[] bytes) => Encoding.Latin1.GetString(bytes);
}

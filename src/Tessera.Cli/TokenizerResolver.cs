namespace Tessera.Cli;

/// <summary>Turns <c>--tokenizer NAME|PATH</c> into a tokenizer.</summary>
internal static class TokenizerResolver
{
    public static TiktokenTokenizer Resolve(string nameOrPath)
    {
        if (TiktokenTokenizer.BuiltInNames.Contains(nameOrPath, StringComparer.OrdinalIgnoreCase))
            return TiktokenTokenizer.Get(nameOrPath);
        if (File.Exists(nameOrPath) && nameOrPath.EndsWith(".tiktoken", StringComparison.OrdinalIgnoreCase))
        {
            string stem = Path.GetFileNameWithoutExtension(nameOrPath);
            if (!TiktokenTokenizer.BuiltInNames.Contains(stem, StringComparer.OrdinalIgnoreCase))
                throw CliException.Usage($"{nameOrPath}: cannot tell its pattern and special tokens; name the file after an encoding ({string.Join(", ", TiktokenTokenizer.BuiltInNames)})");
            var builtIn = TiktokenTokenizer.Get(stem);
            return TiktokenTokenizer.Load(nameOrPath, builtIn.Pattern, builtIn.SpecialTokens, stem);
        }
        if (File.Exists(nameOrPath))
            throw CliException.Usage($"{nameOrPath}: unsupported tokenizer file (expected a .tiktoken rank file)");
        throw CliException.Usage($"unknown tokenizer '{nameOrPath}': expected one of {string.Join(", ", TiktokenTokenizer.BuiltInNames)} or a .tiktoken file");
    }

    public static SpecialTokenPolicy Policy(string special) => special switch
    {
        "error" => SpecialTokenPolicy.Error,
        "allow" => SpecialTokenPolicy.AllowAll,
        "ordinary" => SpecialTokenPolicy.Ordinary,
        _ => throw CliException.Usage($"--special must be error, allow or ordinary, not '{special}'"),
    };
}

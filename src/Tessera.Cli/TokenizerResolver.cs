namespace Tessera.Cli;

/// <summary>Turns <c>--tokenizer NAME|PATH</c> into a tokenizer.</summary>
internal static class TokenizerResolver
{
    /// <summary>
    /// A tokenizer.json, a SentencePiece .model, or a folder holding one of them (or vocab.json + merges.txt, or
    /// vocab.txt): loaded as a pipeline <see cref="Tokenizer"/>. Null for an encoding name or a .tiktoken file.
    /// </summary>
    public static Tokenizer? ResolvePipeline(string nameOrPath)
    {
        if (Directory.Exists(nameOrPath))
            return Tokenizer.Load(nameOrPath);
        if (File.Exists(nameOrPath) && !nameOrPath.EndsWith(".tiktoken", StringComparison.OrdinalIgnoreCase))
            return Tokenizer.Load(nameOrPath);
        return null;
    }

    public static TiktokenTokenizer Resolve(string nameOrPath)
    {
        if (TiktokenTokenizer.BuiltInNames.Contains(nameOrPath, StringComparer.OrdinalIgnoreCase))
            return TiktokenTokenizer.Get(nameOrPath);
        if (File.Exists(nameOrPath) && nameOrPath.EndsWith(".tiktoken", StringComparison.OrdinalIgnoreCase))
        {
            if (File.Exists(nameOrPath + Training.TiktokenFiles.SettingsSuffix))
                return Training.TiktokenFiles.Load(nameOrPath);
            string stem = Path.GetFileNameWithoutExtension(nameOrPath);
            if (!TiktokenTokenizer.BuiltInNames.Contains(stem, StringComparer.OrdinalIgnoreCase))
                throw CliException.Usage($"{nameOrPath}: cannot tell its pattern and special tokens; give it a settings file {Path.GetFileName(nameOrPath)}{Training.TiktokenFiles.SettingsSuffix} (pat_str, special_tokens) or name it after an encoding ({string.Join(", ", TiktokenTokenizer.BuiltInNames)})");
            var builtIn = TiktokenTokenizer.Get(stem);
            return TiktokenTokenizer.Load(nameOrPath, builtIn.Pattern, builtIn.SpecialTokens, stem);
        }
        throw CliException.Usage($"unknown tokenizer '{nameOrPath}': expected one of {string.Join(", ", TiktokenTokenizer.BuiltInNames)}, a .tiktoken file, a tokenizer.json, a SentencePiece .model, or a folder with a tokenizer.json, vocab.json and merges.txt, or vocab.txt");
    }

    public static SpecialTokenPolicy Policy(string special) => special switch
    {
        "error" => SpecialTokenPolicy.Error,
        "allow" => SpecialTokenPolicy.AllowAll,
        "ordinary" => SpecialTokenPolicy.Ordinary,
        _ => throw CliException.Usage($"--special must be error, allow or ordinary, not '{special}'"),
    };
}
